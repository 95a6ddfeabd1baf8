//! Faults seen in the rendered docs of AWS models, one test each.

use super::check;

/// Nothing inside a code span may be escaped: `<code>-out</code>` at a line
/// start rendered as `` `\-out` ``.
#[test]
fn no_escape_inside_code_spans() {
    // A dropped (relative) link leaves its code at the line start.
    check(
        "<p><a href=\"API_Sign.html\"><code>-out</code></a> names the output file.</p>",
        "`-out` names the output file.",
    );
    // A line break inside `<code>`, then indentation: one line, one space.
    check(
        "<p>Run <code>openssl req\n            -out</code> and <code>a\n     - b</code>.</p>",
        "Run `openssl req -out` and `a - b`.",
    );
    // Markdown: an over-indented continuation line inside a code span is no
    // block start (kept), or joins the line before (where it would be one).
    check(
        "Run `openssl req\n        -out file` now.",
        "Run `openssl req\n-out file` now.",
    );
    check(
        "Run `openssl req\n        - out file` now.",
        "Run `openssl req - out file` now.",
    );
    // A code span crossing a line that only looks like a block start is one
    // unit: its brackets stay unescaped.
    check(
        "Use `a\n-[x]` or `b\n*[y]*`.",
        "Use `a\n-[x]` or `b\n*[y]*`.",
    );
    // Real block starts are still escaped where they cannot join.
    check(
        "Text\\\n        - x\n\n---\n        1. y",
        "Text\\\n\\- x\n\n---\n1\\. y",
    );
}

/// Inside code, emphasis (and any other markup) is dropped, its text kept:
/// `<i>`/`<b>` in `<code>` rendered as literal asterisks.
#[test]
fn no_markup_inside_code() {
    check(
        "<p>Matches <code>/*<i>bucket</i>*/*<b>home</b>*/</code> and <code><i>key</i></code>.</p>",
        "Matches `/*bucket*/*home*/` and `key`.",
    );
    check(
        "<p><code>arn:<em>partition</em>:<strong>s3</strong></code></p>",
        "`arn:partition:s3`",
    );
    // Links, line breaks and nested code inside code: text only.
    check(
        "<p><code><a href=\"https://e.x\">GetObject</a><br/>x <code>y</code></code></p>",
        "`GetObject x y`",
    );
    check(
        "<pre><code>aws s3 cp <i>source</i> <b>target</b>\nnext<br>line</code></pre>",
        "```text\naws s3 cp source target\nnext\nline\n```",
    );
    // Outside code, emphasis is kept.
    check("<p><i>a</i> <code>b</code> <b>c</b></p>", "*a* `b` **c**");
}

/// Empty inline elements produce nothing: an empty `<b/>` before `<ul>`
/// swallowed the first list item (`**- **…`).
#[test]
fn empty_inline_elements_produce_nothing() {
    check(
        "<p>Values:</p><b/><ul><li><p>one</p></li><li><p>two</p></li></ul>",
        "Values:\n\n- one\n\n- two",
    );
    check(
        "<p>Values:</p><p><b/></p>\n<ul><li>one</li><li>two</li></ul>",
        "Values:\n\n- one\n- two",
    );
    check(
        "<p>Values:<b></b></p><ul><li>one</li></ul><i/><ol><li>first</li></ol>",
        "Values:\n\n- one\n\n1. first",
    );
    // Empty code, emphasis and links vanish; one holding a space leaves it.
    check(
        "<p>a<code></code>b<i></i>c<b/>d<a/>e<a href=\"Foo.html\"></a>f</p>",
        "abcdef",
    );
    check("<p>a<b> </b>b<code> </code>c</p>", "a b c");
    // An empty relative link in a list item left the item empty, and its
    // paragraphs outside it.
    check(
        "<ul><li><a href=\"Foo.html\"> </a><p>one</p><p>more</p></li></ul>",
        "- one\n\n  more",
    );
    // An unclosed `<b>` around a list: no markers on list markers.
    check("<b>Options<ul><li>one</li></ul></b>", "Options\n\n- one");
    // Void elements still self-close.
    check("<p>a<br/>b</p>", "a\\\nb");
}

/// Code blocks hold their text exactly: a `<pre>` line starting with a
/// backtick or tilde got a backslash (htmd's escape for text in `<pre>`).
#[test]
fn no_escape_inside_code_blocks() {
    check(
        "<pre>```\n~~~ x\n`y`</pre>",
        "````text\n```\n~~~ x\n`y`\n````",
    );
    check(
        "<pre><code>`a` <i>b</i>\n~c</code></pre>",
        "```text\n`a` b\n~c\n```",
    );
    check(
        "<p>Run:</p><pre class=\"language-sh\">\naws s3 ls</pre>",
        "Run:\n\n```text\naws s3 ls\n```",
    );
}

/// Adjacent `<code>` elements are one code span: as two spans, the
/// backticks between them would run together (`` `a``b` `` is one span
/// holding "a``b").
#[test]
fn adjacent_code_elements_make_one_span() {
    check(
        "<p><code>s3://</code><code><i>bucket</i>/key</code> and <code>a</code> <code>b</code></p>",
        "`s3://bucket/key` and `a` `b`",
    );
    check("<p><code>`</code><code>x</code></p>", "`` `x ``");
    // Also where a dropped empty link stood between them.
    check(
        "<p><code>a</code><a href=\"Rel.html\"><code></code></a><code>b</code></p>",
        "`ab`",
    );
    // Spaces at the ends of merged elements stay between words.
    check(
        "<p>a<code>b </code><code> c</code>d<code> e </code>f</p>",
        "a`b c`d `e` f",
    );
}

/// Whitespace after a block boundary is no text: with it, htmd left Markdown
/// syntax that starts the text unescaped (`~~~` opened a code block).
#[test]
fn text_after_block_boundaries_stays_text() {
    check(
        "<p>Values:</p>\n   ~~~ not a fence\n<p>x</p>",
        "Values:\n\n\\~~~ not a fence\n\nx",
    );
    check(
        "<ul><li>\n  - not a sublist</li></ul>",
        "- \\- not a sublist",
    );
    check("<p>a<br>\n   1. not a list</p>", "a\\\n1\\. not a list");
    check(
        "<p><b> 1. not a list</b> but bold</p>",
        "**1\\. not a list** but bold",
    );
    // Also after an element that shows nothing; `~~~` in `<pre>` is code.
    check(
        "<p><code> </code>\n   ~~~ text</p><pre>~~~ code</pre>",
        "\\~~~ text\n\n```text\n~~~ code\n```",
    );
    // Markdown: dropping a relative link's brackets after a list marker.
    check("- [- x](Foo) y", "- \\- x y");
    // Inside `<pre>` whitespace is text.
    check("<pre>a<br>  b</pre>", "```text\na\n  b\n```");
}
