import Foundation
import LessonCache
import LessonReport

/// What `lectern preview` adds to a report it serves, and only there: a script that waits for
/// the page to change and reloads the tab, a content security policy that lets exactly that
/// script run and fetch from this server, and a banner for a page that failed. Reports that
/// `render` writes stay script-free.
enum PreviewInjection {
    /// The path the script long-polls: it answers when the page's version changes (or after a
    /// while, with the same version, and the script asks again).
    static let changesPath = "/__lectern/changes"

    /// One fixed text, so one hash in the policy allows it; the page and version it waits on
    /// come from the element's data attributes.
    static let script = """
        (function () {
          var tag = document.currentScript, page = tag.dataset.page, version = tag.dataset.version;
          function wait() {
            fetch("\(changesPath)?page=" + encodeURIComponent(page) + "&version=" + encodeURIComponent(version), {cache: "no-store"})
              .then(function (response) { return response.text(); })
              .then(function (now) { if (now !== version) { location.reload(); } else { wait(); } })
              .catch(function () { setTimeout(wait, 1000); });
          }
          wait();
        })();
        """

    /// `script-src` for exactly `script` (CSP's base64 SHA-256 form).
    static let scriptSource = "'sha256-" + Data(SHA256.digest(Array(script.utf8))).base64EncodedString() + "'"

    /// `html` as preview serves it. The directives go first in the policy: where a directive is
    /// repeated, browsers apply the first.
    static func inject(into html: String, page: String, version: String, banner: String? = nil) -> String {
        var html = html
        let policy = "http-equiv=\"Content-Security-Policy\" content=\""
        if let range = html.range(of: policy) {
            html.insert(contentsOf: "script-src \(scriptSource); connect-src 'self'; ", at: range.upperBound)
        }
        if let banner, let body = html.range(of: "<body>") {
            html.insert(contentsOf: "\n" + banner, at: body.upperBound)
        }
        let tag = "<script data-page=\"\(ReportRenderer.escapeHTML(page))\" data-version=\"\(version)\">\(script)</script>\n"
        if let end = html.range(of: "</body>", options: .backwards) {
            html.insert(contentsOf: tag, at: end.lowerBound)
        } else {
            html += tag
        }
        return html
    }

    /// The located error above a report that stopped, or in place of one that could not be read.
    /// It sticks to the top of the window: a reload keeps the reader's place in the page, which
    /// would otherwise leave the banner scrolled out of sight.
    static func banner(_ errorLine: String) -> String {
        "<div role=\"alert\" class=\"lectern-preview-error\" style=\"position:sticky;top:0;z-index:10;background:Canvas;color:CanvasText;"
            + "border:2px solid #c62828;padding:0.75em 1em;margin:0 0 1em;"
            + "font-family:ui-monospace,monospace;white-space:pre-wrap\"><strong>lectern preview</strong>\n"
            + ReportRenderer.escapeHTML(errorLine) + "</div>"
    }

    /// A page for a report that cannot be made: the located error, with the same policy and script.
    static func errorPage(title: String, errorLine: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="color-scheme" content="light dark">
        <title>\(ReportRenderer.escapeHTML(title)) (error)</title>
        </head>
        <body>
        <p><a href="index.html">Lessons</a></p>
        </body>
        </html>

        """
    }
}
