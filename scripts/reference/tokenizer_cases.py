"""Writes Tests/Data/tokenizer/: what tiktoken makes of GPT-2's vocabulary on a few thousand strings.

Run by hand, never by `make test` (see scripts/reference/README.md):

    pip install tiktoken==0.14.0
    python3 scripts/reference/tokenizer_cases.py

tiktoken's own `get_encoding("gpt2")` downloads its vocabulary; this script instead builds the
same encoding from the committed `gpt2.tiktoken` with r50k's pattern and `<|endoftext|>` = 50256,
exactly as `tiktoken_ext.openai_public.gpt2` does, so it runs offline.

- `encode.jsonl`: one case a line, `{"text", "ids"}` for `encode(text)` and, where the text holds
  `<|endoftext|>`, `{"text", "allowedSpecial": ["<|endoftext|>"], "ids"}` and
  `{"text", "ordinary": true, "ids"}` (`encode_ordinary`) instead.
- `decode.jsonl`: `{"ids", "text", "bytes"}`: `decode(ids)` (invalid UTF-8 replaced, tiktoken's
  errors="replace") and `decode_bytes(ids)` as hex, for id lists that split characters.
The first line of each file is `{"provenance": {...}}`.
"""
import argparse
import hashlib
import json
import pathlib
import platform
import random
import sys

import tiktoken
import tiktoken.load
import tiktoken_ext.openai_public as openai_public

ROOT = pathlib.Path(__file__).resolve().parents[2]
VOCABULARY = ROOT / "Sources/GPTTokenizer/Vocabulary/gpt2.tiktoken"
ENDOFTEXT = "<|endoftext|>"
SEED = 15

# Hand-written cases: the chapter's sentences, the pattern's corners, whitespace, numbers, emoji.
FIXED = [
    "Every effort moves you", "Every day holds a", "Hello, I am",
    "Hello, I am Featureiman Byeswickattribute argue", "hello world", "",
    " ", "  ", "\t", "\n", "\r\n", "a", " a", "  a", "   a", "\ta", " \ta", "\t a", "a ", "a  ", "a \n",
    "a\n\nb", "a\n \nb", "line one\nline two\n", "x\r\ny\rz", "tabs\tand\t\tmore\t\t\ttabs",
    "trailing spaces   ", "   leading spaces", "   ", "\n\n\n", " \n \n ", "\u00a0nbsp\u00a0 x",
    "\u2003em\u2002en\u2009thin\u200ahair", "\u3000ideographic\u3000space", "next\u0085line",
    "line\u2028separator\u2029paragraph", "zero\u200bwidth", "\u000bvertical\u000cform",
    "don't", "I'm", "you're", "we've", "they'll", "he'd", "it's", "DON'T", "I'M", "YOU'RE",
    "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'x", "''s", "x's", "!'s", " 's", "’s", "rock'n'roll",
    "O'Neill's 'quoted' words", "'''", "ain't isn't won't shan't", "'ll've'd",
    "0", "7", "42", "123", "1234", "12345", "3.14159", "1,000,000", "-17.5e+3", "2024-12-03",
    "½ ¼ ¾", "x² + y³", "Ⅻ Ⅳ ⅷ", "٣٤٥", "१२३", "１２３", "①②③", "𝟙𝟚𝟛", "v1.2.3", "0x1F", "$9.99",
    "a1b2c3", "abc123def", "123abc", "  123", " 123 456",
    "!!!", "?!", "...", "—", "--", "->", "=>", "::", "#include <stdio.h>", "(a+b)*c", "[1, 2, 3]",
    "{\"key\": \"value\"}", "def f(x):\n    return x ** 2\n", "for (int i = 0; i < n; ++i) {\n\ti++;\n}",
    "https://example.com/path?query=1&b=2#frag", "user@example.com", "C:\\Windows\\System32",
    "café", "cafe\u0301", "naïve", "Zoë", "e\u0301\u0301\u0301", "\u0301", " \u0301", "a\u0300b\u0301c",
    "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇", "ñ", "n\u0303", "Ω", "Ω", "ﬁ", "Å",
    "Grüße aus Köln", "Привет, мир!", "γειά σου κόσμε", "こんにちは世界", "你好，世界", "안녕하세요 세계",
    "مرحبا بالعالم", "שלום עולם", "नमस्ते दुनिया", "স্বাগতম", "สวัสดีชาวโลก", "ሰላም ለዓለም", "Բարեւ աշխարհ",
    "გამარჯობა სამყაროვ", "ᚠᚢᚦᚨᚱᚲ", "Xin chào thế giới", "Ελληνικά και English", "日本語とEnglishの混在",
    "😀", "😀😀", " 😀", "👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇫🇷🇩🇪", "1️⃣", "❤️", "☺︎", "🧑🏿‍🚀 in space",
    "emoji😀inside", "text 🎉🎉 party", "🙂\n🙃", "👩‍💻👨‍🔬", "\U0001f9d1\u200d\U0001f91d\u200d\U0001f9d1",
    "\ue000private", "\ufffd", "\ufeffBOM", "\x00null", "\x07bell", "\x7fdel", "\U0010fffd", "\U000e0041tag",
    "a" * 100, "ab" * 150, "supercalifragilisticexpialidocious", "Pneumonoultramicroscopicsilicovolcanoconiosis",
    "x" * 1000, " " * 100, "\n" * 50, "!" * 64, "9" * 80, "🙂" * 30,
    ENDOFTEXT, "before" + ENDOFTEXT + "after", ENDOFTEXT + ENDOFTEXT, "a  " + ENDOFTEXT + "  b",
    "end of text: <|endoftext|>\n", "<|endoftext", "endoftext|>", "<|startoftext|>", "< |endoftext| >",
]

WORDS = """the of and to in is you that it he was for on are as with his they at be this have from
or one had by word but not what all were we when your can said there use an each which she do how
their if will up other about out many then them these so some her would make like him into time has
look two more write go see number no way could people my than first water been call who oil its now
find long down day did get come made may part effort moves holds hello feature argue token model
attention layer normalization gradient transformer embedding vocabulary Every Hello The GPT PyTorch
""".split()

PUNCT = list(".,;:!?-—()[]{}\"'`/\\|@#$%^&*+=<>~_…“”‘’«»¿¡")
SPACES = [" ", " ", " ", " ", "  ", "\t", "\n", "\n\n", "\r\n", " \n", "\u00a0", "   ", "\t\t", " \t "]
CONTRACTIONS = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'T", "'RE", "'LL", "n't", "’s"]

# Code point ranges of scripts, symbols and marks to draw characters from.
SCRIPTS = {
    "latin1": (0x00C0, 0x00FF), "latin-extended": (0x0100, 0x024F), "ipa": (0x0250, 0x02AF),
    "modifiers": (0x02B0, 0x02FF), "combining": (0x0300, 0x036F), "greek": (0x0391, 0x03C9),
    "cyrillic": (0x0400, 0x04FF), "armenian": (0x0531, 0x0556), "hebrew": (0x05D0, 0x05EA),
    "arabic": (0x0620, 0x064A), "arabic-marks": (0x064B, 0x065F), "devanagari": (0x0900, 0x097F),
    "bengali": (0x0985, 0x09B9), "tamil": (0x0B85, 0x0BB9), "thai": (0x0E01, 0x0E5B),
    "georgian": (0x10D0, 0x10FA), "hangul-jamo": (0x1100, 0x11FF), "ethiopic": (0x1200, 0x1248),
    "cherokee": (0x13A0, 0x13F4), "runic": (0x16A0, 0x16EA), "khmer": (0x1780, 0x17DD),
    "vietnamese": (0x1EA0, 0x1EF9), "general-punctuation": (0x2010, 0x2027), "super-sub": (0x2070, 0x209C),
    "currency": (0x20A0, 0x20C0), "letterlike": (0x2100, 0x214F), "number-forms": (0x2150, 0x218B),
    "arrows": (0x2190, 0x21FF), "math": (0x2200, 0x22FF), "box": (0x2500, 0x257F),
    "dingbats": (0x2700, 0x27BF), "enclosed": (0x2460, 0x24FF), "cjk-punct": (0x3000, 0x303F),
    "hiragana": (0x3041, 0x3096), "katakana": (0x30A1, 0x30FA), "cjk": (0x4E00, 0x9FFF),
    "hangul": (0xAC00, 0xD7A3), "fullwidth": (0xFF01, 0xFF5E), "gothic": (0x10330, 0x1034A),
    "math-alnum": (0x1D400, 0x1D7FF), "emoji": (0x1F300, 0x1F64F), "emoji-more": (0x1F680, 0x1F6FF),
    "emoji-supplemental": (0x1F900, 0x1F9FF), "cjk-ext-b": (0x20000, 0x2A6DF),
}

EMOJI_SEQUENCES = [
    "👨‍👩‍👧", "👩‍❤️‍👨", "🏳️‍⚧️", "👁️‍🗨️", "🧑‍🎄", "🐕‍🦺", "👋🏻", "👋🏼", "👋🏽", "👋🏾", "👋🏿", "🇯🇵", "🇺🇸",
    "🇬🇧", "#️⃣", "*️⃣", "✌️", "☝🏿", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "😶‍🌫️", "❤️‍🔥", "🫠", "🥹",
]


def assigned(code):
    import unicodedata
    char = chr(code)
    return unicodedata.category(char) not in ("Cn", "Cs", "Co")


def random_char(rng, script):
    low, high = SCRIPTS[script]
    while True:
        code = rng.randint(low, high)
        if assigned(code):
            return chr(code)


def random_word(rng, script):
    return "".join(random_char(rng, script) for _ in range(rng.randint(1, 9)))


def random_ascii(rng):
    parts = []
    for _ in range(rng.randint(1, 14)):
        roll = rng.random()
        if roll < 0.5:
            word = rng.choice(WORDS)
            parts.append(word.upper() if rng.random() < 0.1 else word.capitalize() if rng.random() < 0.2 else word)
        elif roll < 0.62:
            parts.append(str(rng.choice([rng.randint(0, 9), rng.randint(10, 999), rng.randint(1000, 10**9)])))
        elif roll < 0.72:
            parts.append(rng.choice(CONTRACTIONS))
        elif roll < 0.86:
            parts.append("".join(rng.choice(PUNCT) for _ in range(rng.randint(1, 3))))
        else:
            parts.append("".join(chr(rng.randint(0x21, 0x7E)) for _ in range(rng.randint(1, 8))))
        parts.append(rng.choice(SPACES) if rng.random() < 0.8 else "")
    return "".join(parts)


def random_unicode(rng):
    parts = []
    scripts = rng.sample(list(SCRIPTS), rng.randint(1, 3))
    for _ in range(rng.randint(1, 10)):
        roll = rng.random()
        if roll < 0.6:
            parts.append(random_word(rng, rng.choice(scripts)))
        elif roll < 0.7:
            parts.append(rng.choice(WORDS))
        elif roll < 0.8:
            parts.append(rng.choice(EMOJI_SEQUENCES))
        elif roll < 0.9:
            parts.append(rng.choice(PUNCT) + rng.choice(CONTRACTIONS))
        else:
            parts.append(str(rng.randint(0, 99999)))
        parts.append(rng.choice(SPACES + ["\u2003", "\u3000", "\u200b", "\u2028", ""]))
    return "".join(parts)


def random_whitespace(rng):
    pieces = [" ", "\t", "\n", "\r", "\r\n", "\u00a0", "\u000b", "\u000c", "\u0085", "\u2000", "\u3000"]
    parts = []
    for _ in range(rng.randint(1, 8)):
        parts.append("".join(rng.choice(pieces) for _ in range(rng.randint(0, 5))))
        if rng.random() < 0.7:
            parts.append(rng.choice(WORDS + PUNCT + CONTRACTIONS + ["12", "😀", "é"]))
    return "".join(parts)


def random_long(rng):
    alphabet = rng.choice(["abcdefghijklmnopqrstuvwxyz", "aeiou", "ab", "ёжзийклмн", "αβγδε", "0123456789", "!?.-"])
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(30, 400)))


def random_bytes_ish(rng):
    """Arbitrary scalars, assigned or not (surrogates excepted): the pattern's classes at their edges."""
    chars = []
    for _ in range(rng.randint(1, 12)):
        code = rng.choice([rng.randint(0, 0x7F), rng.randint(0x80, 0x7FF), rng.randint(0x800, 0xFFFF),
                           rng.randint(0x10000, 0x10FFFF)])
        if 0xD800 <= code <= 0xDFFF:
            code = 0x20
        chars.append(chr(code))
    return "".join(chars)


def special_mix(rng):
    parts = [random_ascii(rng) if rng.random() < 0.7 else "" for _ in range(rng.randint(1, 3))]
    return ENDOFTEXT.join(parts) if len(parts) > 1 else ENDOFTEXT + parts[0]


def generated_texts(rng):
    makers = [(random_ascii, 1200), (random_unicode, 1000), (random_whitespace, 400), (random_long, 120),
              (random_bytes_ish, 300), (special_mix, 60)]
    for maker, count in makers:
        for _ in range(count):
            yield maker(rng)


def decode_cases(rng, encoding, vocabulary_size):
    """Id lists whose bytes may split characters: single tokens, random runs, cut encodings."""
    cases = [[15496, 11, 314, 716, 27018, 24086, 47843, 30961, 42348, 7267], [], [50256], [6109, 50256, 6109]]
    cases += [[rank] for rank in range(188, 256)]  # tokens of single bytes 0x80...0xFF and friends
    for _ in range(150):
        cases.append([rng.randrange(vocabulary_size) for _ in range(rng.randint(1, 12))])
    for text in ["😀👍🏽 Привет 日本語", "café naïve", "👨‍👩‍👧‍👦 family"]:
        ids = encoding.encode(text)
        for cut in range(1, len(ids)):
            cases.append(ids[:cut])
            cases.append(ids[cut:])
    return cases


def provenance():
    return {
        "tiktoken": tiktoken.__version__,
        "vocabulary": str(VOCABULARY.relative_to(ROOT)),
        "vocabularySHA256": hashlib.sha256(VOCABULARY.read_bytes()).hexdigest(),
        "pattern": openai_public.r50k_pat_str,
        "specialTokens": {ENDOFTEXT: 50256},
        "python": platform.python_version(),
        "generator": "scripts/reference/tokenizer_cases.py",
        "seed": SEED,
    }


# Readable UTF-8, except the three characters that str.splitlines and some editors take for line
# breaks, so that every reader sees one case a line.
LINE_BREAK_ESCAPES = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def write_lines(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        for row in rows:
            line = json.dumps(row, ensure_ascii=False)
            for character, escape in LINE_BREAK_ESCAPES.items():
                line = line.replace(character, escape)
            file.write(line + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=pathlib.Path, default=ROOT / "Tests/Data/tokenizer")
    arguments = parser.parse_args()
    ranks = tiktoken.load.load_tiktoken_bpe(str(VOCABULARY))
    encoding = tiktoken.Encoding(
        name="gpt2", pat_str=openai_public.r50k_pat_str, mergeable_ranks=ranks,
        special_tokens={ENDOFTEXT: 50256}, explicit_n_vocab=50257,
    )
    rng = random.Random(SEED)
    seen, encode_rows = set(), [{"provenance": provenance()}]
    for text in FIXED + list(generated_texts(rng)):
        if text in seen:
            continue
        seen.add(text)
        if ENDOFTEXT in text:
            encode_rows.append({"text": text, "allowedSpecial": [ENDOFTEXT],
                                "ids": encoding.encode(text, allowed_special={ENDOFTEXT})})
            encode_rows.append({"text": text, "ordinary": True, "ids": encoding.encode_ordinary(text)})
        else:
            encode_rows.append({"text": text, "ids": encoding.encode(text)})
    decode_rows = [{"provenance": provenance()}]
    for ids in decode_cases(rng, encoding, encoding.n_vocab):
        decode_rows.append({"ids": ids, "text": encoding.decode(ids), "bytes": encoding.decode_bytes(ids).hex()})
    arguments.output.mkdir(parents=True, exist_ok=True)
    write_lines(arguments.output / "encode.jsonl", encode_rows)
    write_lines(arguments.output / "decode.jsonl", decode_rows)
    print(f"{len(encode_rows) - 1} encode cases, {len(decode_rows) - 1} decode cases -> {arguments.output}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
