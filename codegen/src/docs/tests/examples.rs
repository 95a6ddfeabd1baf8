//! Input/output examples, most taken from the AWS models.

use super::check;
use crate::docs::to_rustdoc;

#[test]
fn ivschat_paragraphs_code_links_italics() {
    // ivschat CreateLoggingConfiguration.destinationConfiguration
    check(
        "<p>A complex type that contains a destination configuration for where chat content will be\n         logged. There can be only one type of destination (<code>cloudWatchLogs</code>,\n            <code>firehose</code>, or <code>s3</code>) in a\n         <code>destinationConfiguration</code>.</p>",
        "A complex type that contains a destination configuration for where chat content will be logged. There can be only one type of destination (`cloudWatchLogs`, `firehose`, or `s3`) in a `destinationConfiguration`.",
    );
    // ivschat DeleteMessage: link text with surrounding whitespace.
    check(
        "<p>This replicates the <a href=\"https://docs.aws.amazon.com/ivs/latest/chatmsgapireference/actions-deletemessage-publish.html\">\n            DeleteMessage</a> WebSocket operation.</p>\n         <p>Time when the room was created. This is an ISO 8601 timestamp; <i>note that this\n            is returned as a string</i>.</p>",
        "This replicates the [DeleteMessage](https://docs.aws.amazon.com/ivs/latest/chatmsgapireference/actions-deletemessage-publish.html) WebSocket operation.\n\nTime when the room was created. This is an ISO 8601 timestamp; *note that this is returned as a string*.",
    );
    // ivschat service doc: `<a>` without href is AWS's cross-reference.
    check(
        "<p>The Amazon IVS Chat API has these tag-related operations: <a>TagResource</a>, <a>UntagResource</a>, and\n      <a>ListTagsForResource</a>.</p>",
        "The Amazon IVS Chat API has these tag-related operations: TagResource, UntagResource, and ListTagsForResource.",
    );
    check("<p/>", "");
}

#[test]
fn ivschat_lists_and_bold() {
    check(
        "<p>\n            <b>Notes on terminology:</b>\n         </p>\n         <ul>\n            <li>\n               <p>You create service applications using the Amazon IVS Chat API. We refer to these as\n            <i>applications</i>.</p>\n            </li>\n            <li>\n               <p>You create front-end client applications (browser and Android/iOS apps) using the\n          Amazon IVS Chat Messaging API. We refer to these as <i>clients</i>. </p>\n            </li>\n         </ul>",
        "**Notes on terminology:**\n\n- You create service applications using the Amazon IVS Chat API. We refer to these as *applications*.\n\n- You create front-end client applications (browser and Android/iOS apps) using the Amazon IVS Chat Messaging API. We refer to these as *clients*.",
    );
    check(
        "<ul><li>one</li><li>two <code>x</code><ul><li>nested</li></ul></li></ul><ol><li>first</li><li>second</li></ol>",
        "- one\n- two `x`\n  - nested\n\n1. first\n2. second",
    );
}

#[test]
fn chime_important_and_definition_list() {
    check(
        "<p>To play welcome audio, use the \n<code>CreateSipMediaApplicationCall</code> action.</p>\n         <important>\n            <p>\n               <b>This API is not available in a dedicated namespace.</b>\n            </p>\n         </important>",
        "To play welcome audio, use the `CreateSipMediaApplicationCall` action.\n\n**Important:** **This API is not available in a dedicated namespace.**",
    );
    check(
        "<dl>\n<dt>Using REST APIs</dt>\n<dd>\n<p>When making REST API calls, use the service name <code>chime</code> and REST endpoint <code>https://service.chime.aws.amazon.com</code>.</p>\n</dd>\n</dl>",
        "**Using REST APIs**\n\nWhen making REST API calls, use the service name `chime` and REST endpoint `https://service.chime.aws.amazon.com`.",
    );
    check(
        "<p>Intro.</p><note><p>Only <code>Team</code> accounts.</p><p>Second.</p></note>",
        "Intro.\n\n**Note:** Only `Team` accounts.\n\nSecond.",
    );
    check(
        "<note><ul><li>a</li><li>b</li></ul></note>",
        "**Note:**\n\n- a\n- b",
    );
    // Unknown AWS tags keep their text.
    check(
        "<fullname>Amazon Chime</fullname><p>Text.</p>",
        "Amazon Chime\n\nText.",
    );
}

#[test]
fn brackets_urls_and_angles_in_html_text() {
    check(
        "<p>Must match <code>[a-z]+</code> or [a-zA-Z0-9-]+ (see [1]).</p>",
        "Must match `[a-z]+` or \\[a-zA-Z0-9-\\]+ (see \\[1\\]).",
    );
    check(
        "<p>See https://docs.aws.amazon.com/chime/latest/ag/policies.html, or (http://aws.amazon.com/developer/).</p>",
        "See <https://docs.aws.amazon.com/chime/latest/ag/policies.html>, or (<http://aws.amazon.com/developer/>).",
    );
    check(
        "<p>Visit https://example.com/a_b*c.</p>",
        "Visit <https://example.com/a_b*c>.",
    );
    check(
        "<p>Use the format &lt;accountId&gt;:&lt;name&gt;; values &lt; 10 and a -&gt; b.</p>",
        "Use the format \\<accountId>:\\<name>; values \\< 10 and a -> b.",
    );
    check(
        "<p><a href=\"https://aws.amazon.com\">https://aws.amazon.com</a> and <a href=\"https://x.example\"></a></p>",
        "<https://aws.amazon.com> and <https://x.example>",
    );
    // Relative links are meaningless in generated docs (and could look like
    // intra-doc links): keep the text only.
    check(
        "<p>See <a href=\"API_CreateAttendee.html\">CreateAttendee</a> and <a href=\"#x\">[x]</a>.</p>",
        "See CreateAttendee and \\[x\\].",
    );
}

#[test]
fn code_blocks_are_text_fences() {
    check(
        "<p>Example:</p><pre><code>fn main() {\n    let x = [1, 2];\n}</code></pre>",
        "Example:\n\n```text\nfn main() {\n    let x = [1, 2];\n}\n```",
    );
    check(
        "<pre class=\"language-rust\">let a = 1;</pre>",
        "```text\nlet a = 1;\n```",
    );
    // Markdown input: fences get `text`, indented code gets fenced.
    check(
        "Before\n\n```rust\nlet x = 1;\n```\n\nAfter",
        "Before\n\n```text\nlet x = 1;\n```\n\nAfter",
    );
    check("```\nplain\n```", "```text\nplain\n```");
    check("~~~json\n{}\n~~~", "```text\n{}\n```");
    check("Unclosed:\n```\ncode", "Unclosed:\n```text\ncode\n```");
    check(
        "Example:\n\n    let v = vec![1];\n\n    v.len();\n\nDone.",
        "Example:\n\n```text\nlet v = vec![1];\n\nv.len();\n```\n\nDone.",
    );
    check("\tindented with a tab", "```text\nindented with a tab\n```");
    // Over-indented continuation lines are not code: de-indent.
    check(
        "A paragraph\n        continued deeply.",
        "A paragraph\ncontinued deeply.",
    );
    check(
        "- item\n\n      code in item",
        "- item\n\n  ```text\n  code in item\n  ```",
    );
}

#[test]
fn markdown_passes_through() {
    let md = "Summary line.\n\nSecond paragraph with *emphasis*, `code`, **bold** and a\n[link](https://smithy.io/2.0/spec/).\n\n- item one\n- item two\n  - nested item\n\n1. first\n2. second\n\n# Heading\n\n> quote";
    check(md, md);
    // Deeper list nesting legitimately needs 4+ spaces; CommonMark reads
    // them as list content, not code, so they are kept.
    let nested = "- a\n  - b\n    - c\n      continued\n\n      second paragraph of c";
    assert_eq!(to_rustdoc(nested), nested);
    check(
        "Returns a `Vec<String>` or Map<K, V>; see [Foo] and [Bar][baz] and a[0].",
        "Returns a `Vec<String>` or Map\\<K, V>; see \\[Foo\\] and \\[Bar\\]\\[baz\\] and a\\[0\\].",
    );
    check("See https://smithy.io/2.0.", "See <https://smithy.io/2.0>.");
    check(
        "Already <https://smithy.io> linked.",
        "Already <https://smithy.io> linked.",
    );
    check("Escaped \\[x\\] stays.", "Escaped \\[x\\] stays.");
    check("A [relative](Foo) link.", "A relative link.");
    check(
        "[outer [inner] text](https://a.example/(x))",
        "[outer \\[inner\\] text](https://a.example/(x))",
    );
    check(
        "Text with `` code ` span [x] `` here",
        "Text with `` code ` span [x] `` here",
    );
    check(
        "Unicode: héllo wörld → ünïcödé ✓ 日本語",
        "Unicode: héllo wörld → ünïcödé ✓ 日本語",
    );
}

#[test]
fn whitespace_is_normalized() {
    check("<p>a   </p>\n\n\n\n<p>  b</p>\n\n", "a\n\nb");
    check(
        "line one  \r\nline two\r\rline four\n\n\n\n",
        "line one\nline two\n\nline four",
    );
    check("<p>first<br>second<br></p>", "first\\\nsecond");
    check("", "");
    check("   \n\t\n", "");
}
