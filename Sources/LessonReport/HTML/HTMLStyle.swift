/// The report's style sheet, inline so one HTML file is the whole report. Colours are custom
/// properties: light by default, dark when the reader prefers it, light again for print.
/// A code or output line wider than its block scrolls sideways, as Quarto's (`code-overflow:
/// scroll`, its default) and Jupyter Book's do: wrapping would break Swift and printed tensors
/// where they are not broken. The block shows that it scrolls with a shade at the edge that
/// has more (a background that scrolls with the text covers it once that edge is reached, and
/// reaches 2px past the edge so no rounded pixel of shade shows on a block that fits), so it
/// shows where overlay scrollbars hide until touched; print wraps instead. Tables, and charts on
/// a phone (drawn at a readable size rather than shrunk), scroll too and get the same shade.
/// Math is set in the prose size, its x-height matched to the prose font's (`font-size-adjust`):
/// math fonts are drawn smaller than UI sans-serif fonts at the same nominal size.
/// The previous and next cards are two equal grid columns whatever their titles' lengths (a
/// next card alone keeps the right-hand column), and stack on a phone; long titles wrap inside.
enum HTMLStyle {
    static let css = """
    :root{color-scheme:light dark;
    --bg:#fdfdfc;--fg:#1f2328;--muted:#59636e;--rule:#d1d9e0;--link:#0b5cad;
    --code-bg:#f3f4f6;--code-edge:#8c959f;--output-edge:#0072b2;--output-bg:transparent;
    --warn-bg:#fff8e1;--warn-edge:#9a6700;--warn-fg:#6b4a00;--error-bg:#ffebe9;--error-edge:#cf222e;--error-fg:#a40e26;
    --scroll-shade:rgba(31,35,40,.3);--note-bg:#eef2f6;--kw:#9b2393;--ty:#0b6a8a;--st:#b3261e;--nu:#1c00cf;--co:#5f6b76;--at:#815f03;--dl:#3e6a00;--lb:#59636e}
    @media (prefers-color-scheme:dark){:root{
    --bg:#16181d;--fg:#e6edf3;--muted:#9198a1;--rule:#3d444d;--link:#6cb6ff;
    --code-bg:#1f232a;--code-edge:#656c76;--output-edge:#4fa9e3;
    --warn-bg:#2b2412;--warn-edge:#d29922;--warn-fg:#e3b341;--error-bg:#301719;--error-edge:#f85149;--error-fg:#ff9492;
    --scroll-shade:rgba(0,0,0,.8);--note-bg:#222831;--kw:#ff7ab2;--ty:#6bdfff;--st:#ff8170;--nu:#d9c97c;--co:#8b949e;--at:#e5a96c;--dl:#a5d86a;--lb:#9198a1}}
    @media print{:root{
    --bg:#fff;--fg:#000;--muted:#444;--rule:#bbb;--link:#000;--code-bg:#f4f4f4;--code-edge:#888;--output-edge:#444;
    --warn-bg:#fff;--warn-edge:#000;--warn-fg:#000;--error-bg:#fff;--error-edge:#000;--error-fg:#000;--note-bg:#fff;
    --kw:#000;--ty:#000;--st:#333;--nu:#000;--co:#555;--at:#000;--dl:#000;--lb:#333}}
    *,*::before,*::after{box-sizing:border-box}
    html{background:var(--bg);color:var(--fg);-webkit-text-size-adjust:100%}
    body{margin:0 auto;padding:2.5rem 1.25rem 4rem;max-width:46rem;font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
    main>*:first-child{margin-top:0}
    h1,h2,h3,h4{line-height:1.25;margin:2em 0 .6em}
    h1{font-size:2rem;margin-top:0}h2{font-size:1.45rem;border-bottom:1px solid var(--rule);padding-bottom:.25em}h3{font-size:1.2rem}
    p,ul,ol,table,figure,pre,blockquote,.callout{margin:0 0 1.1em}
    a{color:var(--link);text-underline-offset:.15em}
    img{max-width:100%}
    hr{border:0;border-top:1px solid var(--rule);margin:2em 0}
    blockquote{margin-left:0;padding-left:1em;border-left:3px solid var(--rule);color:var(--muted)}
    code,pre,kbd{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.875em}
    :not(pre)>code{background:var(--code-bg);padding:.1em .35em;border-radius:4px;-webkit-box-decoration-break:clone;box-decoration-break:clone}
    pre{overflow-x:auto;padding:.8em 1em;line-height:1.45;tab-size:4;scrollbar-width:thin;scrollbar-color:var(--code-edge) transparent}
    pre code{font-size:inherit}
    .prose pre{--pre-bg:var(--code-bg);border-radius:6px}
    li.task-list-item{list-style:none}li.task-list-item input{margin:0 .5em 0 -1.3em}
    del{color:var(--muted)}
    table{border-collapse:collapse;display:block;overflow-x:auto;max-width:100%;font-variant-numeric:tabular-nums}
    th,td{border:1px solid var(--rule);padding:.35em .7em;text-align:left;vertical-align:top}
    thead th{background:var(--code-bg)}
    .cell{margin:1.6em 0}
    .cell pre.code{--pre-bg:var(--code-bg);border-left:3px solid var(--code-edge);border-radius:0 6px 6px 0;margin-bottom:.5em}
    .output{margin:0 0 .9em;padding:.1em 0 .1em 1em;border-left:3px solid var(--output-edge)}
    .output pre{margin:0;padding:.2em 0;--pre-bg:var(--bg);color:var(--fg)}
    table,figure.chart{--pre-bg:var(--bg)}
    .prose pre,.cell pre.code,.output pre,table,figure.chart{background:linear-gradient(to right,var(--pre-bg) 50%,transparent) left -2px top 0/2em 100% no-repeat local,linear-gradient(to left,var(--pre-bg) 50%,transparent) right -2px top 0/2em 100% no-repeat local,radial-gradient(farthest-side at 0 50%,var(--scroll-shade),transparent) left/.8em 100% no-repeat scroll,radial-gradient(farthest-side at 100% 50%,var(--scroll-shade),transparent) right/.8em 100% no-repeat scroll,var(--pre-bg)}
    .output-label,.cell-note{display:block;font-size:.75rem;letter-spacing:.04em;text-transform:uppercase;color:var(--muted)}
    .cell-note{margin:-.2em 0 .9em}
    .callout{padding:.6em .9em;border-left:4px solid;border-radius:0 6px 6px 0}
    .callout p{margin:0}.callout .callout-title{font-weight:600;margin-bottom:.15em}
    .callout.warning{background:var(--warn-bg);border-color:var(--warn-edge)}.callout.warning .callout-title{color:var(--warn-fg)}
    .callout.error{background:var(--error-bg);border-color:var(--error-edge)}.callout.error .callout-title{color:var(--error-fg)}
    .callout.expected{background:var(--note-bg);border-color:var(--code-edge)}
    .callout code.location{background:transparent;padding:0;color:var(--muted)}
    .callout pre{margin:.3em 0 0;padding:0;white-space:pre-wrap}
    figure{margin-left:0;margin-right:0}
    figcaption{font-weight:600;margin-bottom:.4em}
    figure.chart svg{display:block;max-width:100%;height:auto}
    .gradient-table td.num,.gradient-table th.num{text-align:right;white-space:nowrap}
    .gradient-table th.num{white-space:normal;vertical-align:bottom}
    .gradient-table td.num[title]{cursor:help}
    .gradient-table th[scope=row]{font-weight:normal;white-space:nowrap}
    .gradient-table table{margin-bottom:.4em}
    .table-note{font-size:.85em;color:var(--muted);margin:0}
    .kw{color:var(--kw)}.ty{color:var(--ty)}.st{color:var(--st)}.nu{color:var(--nu)}.co{color:var(--co);font-style:italic}.at{color:var(--at)}.dl{color:var(--dl)}.lb{color:var(--lb)}
    math{font-size:1em;font-size-adjust:.53}math[display=block]{margin:.6em 0;overflow-x:auto;overflow-y:hidden}
    code.math-source{white-space:pre-wrap}
    .lessons{list-style:none;padding-left:0}.lessons ol{list-style:none;padding-left:1.75em;margin:0}.lessons li{margin:.35em 0}
    .lessons .name{color:var(--muted);font-size:.85em;white-space:nowrap}
    .lessons.numbered li{padding-left:2.5em;text-indent:-2.5em}.lessons.numbered ol{padding-left:0}
    .lessons.numbered ol li{padding-left:3.1em;text-indent:-3.1em}
    .lessons.numbered .section-number{display:inline-block;min-width:2.5em;text-indent:0;margin:0}
    .lessons.numbered ol .section-number{min-width:3.1em}
    .section-number{color:var(--muted);font-variant-numeric:tabular-nums;margin-right:.2em}
    .unlisted-note{color:var(--muted);font-size:.9em}
    .chapter-nav{font-size:.875rem;color:var(--muted);margin:0 0 1.4em}
    .page-sections{margin:0 0 1.8em;padding:.7em 1em .6em;background:var(--note-bg);border-radius:6px;font-size:.95rem}
    .page-sections .nav-title{margin:0 0 .25em;font-size:.75rem;letter-spacing:.04em;text-transform:uppercase;color:var(--muted)}
    .page-sections ul{margin:0;padding-left:1.2em}.page-sections li{margin:.1em 0}
    .pager{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:1em;margin-top:3em;padding-top:1.2em;border-top:1px solid var(--rule)}
    .pager a{display:flex;flex-direction:column;padding:.5em .8em;border:1px solid var(--rule);border-radius:6px;text-decoration:none;overflow-wrap:break-word}
    .pager a:hover{border-color:var(--link)}.pager a.next{grid-column:2;text-align:right}
    .pager-label{font-size:.75rem;letter-spacing:.04em;text-transform:uppercase;color:var(--muted)}
    @media (min-width:52rem){.cell pre.code,.cell .output{width:max-content;min-width:100%;max-width:calc(50vw + 19rem)}}
    @media (max-width:40rem){body{padding:1.5rem 1rem 3rem}
    .pager{grid-template-columns:minmax(0,1fr)}.pager a.next{grid-column:1}
    th,td{padding:.3em .45em}
    figure.chart{overflow-x:auto}figure.chart svg{width:36rem;max-width:none}}
    @media print{body{max-width:none;padding:0;font-size:10.5pt}
    pre{white-space:pre-wrap;overflow:visible;break-inside:avoid}
    .cell,figure,.callout,tr{break-inside:avoid}h1,h2,h3{break-after:avoid}
    .prose a[href^="http"]::after{content:" (" attr(href) ")";font-size:.85em;color:var(--muted)}
    .output,.callout,.cell pre.code{border-left-width:2px}
    .chapter-nav,.pager{display:none}}
    """
}
