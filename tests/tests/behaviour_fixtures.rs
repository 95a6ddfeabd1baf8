//! The fixture models' structure rules: `new()` with the required members, `@default`
//! values, `@jsonName`, recursion through boxes, lists and unions, and escaped names.

use fixtures::recursion::{Expression, GetTreeOutput, Node, Sum};
use fixtures::structures::{Dimensions, PutWidgetInput, PutWidgetOutput, Widget};
use serde_json::json;

// ----- structures ----------------------------------------------------------------------

#[test]
fn new_takes_exactly_the_required_members() {
    // PutWidgetInput requires `id` and `widget`; Widget requires `name`.
    let input = PutWidgetInput::new("w-1".to_owned(), Widget::new("gear".to_owned()));
    assert_eq!(input.id, "w-1");
    assert_eq!(input.widget.name, "gear");
    assert_eq!(input.note, None);
    assert_eq!(input.widget.size, None);
    assert_eq!(input.widget.dimensions, None);
}

#[test]
fn new_fills_nested_defaults_and_leaves_top_level_input_defaults_unset() {
    let input = PutWidgetInput::new("w-1".to_owned(), Widget::new("gear".to_owned()));
    // Top-level input members with `@default` are `Option`: `None` is "not set".
    assert_eq!(input.copies, None);
    assert_eq!(input.enabled, None);
    // A nested structure's default is a plain value.
    assert_eq!(input.widget.tags, Vec::<String>::new());
    // What a server reads when a request leaves them out.
    let filled = input.with_defaults();
    assert_eq!((filled.copies, filled.enabled), (Some(1), Some(false)));
}

#[test]
fn the_serde_form_keeps_what_was_sent() {
    // `id` is a URI label: not a body member, so not part of the serde (body) form.
    let mut input: PutWidgetInput =
        serde_json::from_str(r#"{"id":"ignored","widget":{"name":"gear"}}"#).unwrap();
    assert_eq!(input.id, "");
    input.id = "w-1".to_owned();
    assert_eq!((input.copies, input.enabled), (None, None));
    assert_eq!(input.widget.tags, Vec::<String>::new());
    assert_eq!(
        input,
        PutWidgetInput::new("w-1".to_owned(), Widget::new("gear".to_owned()))
    );
}

#[test]
fn present_defaulted_members_keep_their_value() {
    let input: PutWidgetInput = serde_json::from_str(
        r#"{"id":"w-1","widget":{"name":"gear","tags":["a"]},"copies":3,"enabled":true}"#,
    )
    .unwrap();
    assert_eq!((input.copies, input.enabled), (Some(3), Some(true)));
    assert_eq!(input.widget.tags, vec!["a".to_owned()]);
}

#[test]
fn top_level_input_defaults_are_sent_when_set_even_to_the_default() {
    // The restJson1 compliance suite: RestJsonClientSkipsTopLevelDefaultValuesInInput
    // (unset: not sent) and RestJsonClientUsesExplicitlyProvidedValuesInTopLevel (set,
    // even to the default: sent); nested defaults are always sent.
    let mut input = PutWidgetInput::new("w-1".to_owned(), Widget::new("gear".to_owned()));
    assert_eq!(
        serde_json::to_value(&input).unwrap(),
        json!({ "widget": { "name": "gear", "tags": [] } })
    );
    input.copies = Some(1);
    input.enabled = Some(false);
    assert_eq!(
        serde_json::to_value(&input).unwrap(),
        json!({ "widget": { "name": "gear", "tags": [] }, "copies": 1, "enabled": false })
    );
}

#[test]
fn optional_only_structure_implements_default() {
    let dims = Dimensions::default();
    assert_eq!(
        dims,
        Dimensions {
            width: None,
            height: None
        }
    );
    assert_eq!(serde_json::to_string(&dims).unwrap(), "{}");
}

#[test]
fn json_name_renames_the_wire_member() {
    let mut widget = Widget::new("gear".to_owned());
    widget.size = Some(250);
    let json = serde_json::to_value(&widget).unwrap();
    assert_eq!(
        json,
        json!({ "name": "gear", "size_in_mm": 250, "tags": [] })
    );
    let back: Widget = serde_json::from_value(json).unwrap();
    assert_eq!(back, widget);
    // The member name is not the wire name.
    let ignored: Widget = serde_json::from_str(r#"{"name":"gear","size":250}"#).unwrap();
    assert_eq!(ignored.size, None);
}

#[test]
#[allow(deprecated)]
fn deprecated_member_still_round_trips() {
    let mut output = PutWidgetOutput::new(Widget::new("gear".to_owned()));
    output.legacy_name = Some("old-gear".to_owned());
    let json = serde_json::to_value(&output).unwrap();
    assert_eq!(
        json,
        json!({ "widget": { "name": "gear", "tags": [] }, "legacyName": "old-gear" })
    );
    assert_eq!(
        serde_json::from_value::<PutWidgetOutput>(json).unwrap(),
        output
    );
}

// ----- recursion -----------------------------------------------------------------------

#[test]
fn direct_recursion_is_boxed() {
    let mut child = Node::new(2);
    child.parent = Some(Box::new(Node::new(1)));
    assert_eq!(child.parent.as_deref().map(|p| p.value), Some(1));
    assert_eq!(
        serde_json::to_value(&child).unwrap(),
        json!({ "value": 2, "parent": { "value": 1 } })
    );
}

fn chain(depth: i32) -> Node {
    let mut node = Node::new(0);
    for value in 1..=depth {
        let mut next = Node::new(value);
        next.parent = Some(Box::new(node));
        node = next;
    }
    node
}

#[test]
fn deep_parent_chain_round_trips() {
    let node = chain(40);
    let json = serde_json::to_string(&node).unwrap();
    assert!(
        json.starts_with(r#"{"value":40,"parent":{"value":39,"parent":"#),
        "{json}"
    );
    let back: Node = serde_json::from_str(&json).unwrap();
    assert_eq!(back, node);
    let mut depth = 0;
    let mut cursor = &back;
    while let Some(parent) = &cursor.parent {
        depth += 1;
        cursor = parent;
    }
    assert_eq!((depth, cursor.value), (40, 0));
}

#[test]
fn recursion_through_a_list_round_trips() {
    let body = json!({
        "root": {
            "value": 1,
            "children": [
                { "value": 2, "children": [ { "value": 4 } ] },
                { "value": 3, "parent": { "value": 1 } }
            ]
        }
    });
    let tree: GetTreeOutput = serde_json::from_value(body.clone()).unwrap();
    let root = tree.root.as_ref().unwrap();
    let children = root.children.as_ref().unwrap();
    assert_eq!(children.len(), 2);
    assert_eq!(children[0].children.as_ref().unwrap()[0].value, 4);
    assert_eq!(children[1].parent.as_ref().unwrap().value, 1);
    assert_eq!(serde_json::to_value(&tree).unwrap(), body);
}

#[test]
fn recursion_through_a_union_and_a_structure_round_trips() {
    // -(1 + -(2)) written as a tree.
    let expression = Expression::Negate(Box::new(Expression::Sum(Box::new(Sum::new(
        Box::new(Expression::Literal(1)),
        Box::new(Expression::Negate(Box::new(Expression::Literal(2)))),
    )))));
    let body = json!({ "negate": { "sum": { "left": { "literal": 1 }, "right": { "negate": { "literal": 2 } } } } });
    assert_eq!(serde_json::to_value(&expression).unwrap(), body);
    let back: Expression = serde_json::from_value(body).unwrap();
    assert_eq!(back, expression);
}

#[test]
fn deep_union_nesting_round_trips() {
    let mut expression = Expression::Literal(7);
    for _ in 0..30 {
        expression = Expression::Negate(Box::new(expression));
    }
    let json = serde_json::to_string(&expression).unwrap();
    assert_eq!(
        json,
        format!(
            "{}{{\"literal\":7}}{}",
            "{\"negate\":".repeat(30),
            "}".repeat(30)
        )
    );
    assert_eq!(
        serde_json::from_str::<Expression>(&json).unwrap(),
        expression
    );
}

// ----- naming --------------------------------------------------------------------------

#[test]
fn keyword_members_are_escaped_and_keep_their_wire_names() {
    use fixtures::naming::{OptionValue, TypeInput};
    let input = TypeInput {
        type_: Some("t".to_owned()),
        self_: Some("s".to_owned()),
        crate_: Some(true),
        async_: Some(9),
        super_: Some("up".to_owned()),
        option: Some(OptionValue {
            value: Some("v".to_owned()),
            self_: Some(1),
        }),
    };
    let json = serde_json::to_value(&input).unwrap();
    assert_eq!(
        json,
        json!({
            "type": "t", "self": "s", "crate": true, "async": 9, "super": "up",
            "option": { "value": "v", "Self": 1 }
        })
    );
    assert_eq!(serde_json::from_value::<TypeInput>(json).unwrap(), input);
}

#[test]
fn prelude_named_shapes_get_distinct_rust_names() {
    use fixtures::naming::{BoxValue, ResultValue, TypeOutput};
    use fixtures::runtime::Validate;
    let output = TypeOutput {
        result: Some(ResultValue {
            ok: Some(true),
            unknown: Some("u".to_owned()),
        }),
        string: Some("s".to_owned()),
        box_: Some(BoxValue {
            new: Some("n".to_owned()),
            validate: Some(false),
        }),
        vec: Some(vec!["x".to_owned()]),
    };
    assert_eq!(
        serde_json::to_value(&output).unwrap(),
        json!({
            "result": { "ok": true, "Unknown": "u" },
            "string": "s",
            "box": { "new": "n", "validate": false },
            "vec": ["x"]
        })
    );
    // A member named `validate` does not hide the `validate()` method.
    assert_eq!(output.box_.as_ref().unwrap().validate(), Ok(()));
}

#[test]
fn keyword_operation_names_are_escaped_trait_methods() {
    use fixtures::naming::{MatchError, Naming, OptionValue, TypeInput};
    struct Fake;
    impl Naming for Fake {}
    let err = pollster::block_on(Fake.match_(OptionValue::default())).unwrap_err();
    assert_eq!(
        err,
        MatchError::from(fixtures::runtime::UnhandledError::not_implemented("Match"))
    );
    let err = pollster::block_on(Fake.type_(TypeInput::default())).unwrap_err();
    assert_eq!(
        err.to_string(),
        "NotImplemented (HTTP 501): operation Type is not implemented"
    );
}

#[test]
fn operation_metadata_invents_no_http_binding() {
    use fixtures::runtime::Operation;
    let http = fixtures::recursion::GetTree::HTTP.expect("GetTree has @http");
    assert_eq!((http.method, http.uri, http.code), ("GET", "/tree", 200));
    assert_eq!(fixtures::recursion::Prune::HTTP, None);
}
