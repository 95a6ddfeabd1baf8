//! `validate()`: every `@length`, `@pattern`, `@range`, `@uniqueItems` and enum violation, with its path and
//! the exact message, on the constraints fixture and on real AWS shapes.

use fixtures::constraints::{CreateAccountInput, MergeAccountsInput, Tier};
// Each generated crate carries its own runtime, hence its own `Validate` trait.
use fixtures::runtime::Validate as _;
use generated::runtime::Validate as _;

/// The `(path, message)` pairs of the fixture input's violations, in order (none when valid).
fn fixture_violations(input: &CreateAccountInput) -> Vec<(String, String)> {
    match input.validate() {
        Ok(()) => Vec::new(),
        Err(e) => e
            .violations
            .into_iter()
            .map(|v| (v.path, v.message))
            .collect(),
    }
}

fn pair(path: &str, message: &str) -> (String, String) {
    (path.to_owned(), message.to_owned())
}

fn valid_account() -> CreateAccountInput {
    let mut input = CreateAccountInput::new("alice-01".to_owned());
    input.age = Some(30);
    input.emails = Some(vec!["a@example.com".to_owned()]);
    input.tier = Some(Tier::Pro);
    input.limits = Some([("storage".to_owned(), 0)].into_iter().collect());
    input
}

#[test]
fn valid_value_passes() {
    assert_eq!(valid_account().validate(), Ok(()));
    assert_eq!(CreateAccountInput::new("bob".to_owned()).validate(), Ok(()));
}

#[test]
fn string_too_short() {
    let input = CreateAccountInput::new("ab".to_owned());
    assert_eq!(
        fixture_violations(&input),
        vec![pair(
            "CreateAccountInput.name",
            "length 2 is less than the minimum 3"
        )]
    );
}

#[test]
fn string_too_long() {
    let input = CreateAccountInput::new("a".repeat(17));
    assert_eq!(
        fixture_violations(&input),
        vec![pair(
            "CreateAccountInput.name",
            "length 17 is greater than the maximum 16"
        )]
    );
    // The bounds are inclusive.
    assert_eq!(CreateAccountInput::new("a".repeat(16)).validate(), Ok(()));
    assert_eq!(CreateAccountInput::new("abc".to_owned()).validate(), Ok(()));
}

#[test]
fn pattern_mismatch() {
    let input = CreateAccountInput::new("Alice".to_owned());
    assert_eq!(
        fixture_violations(&input),
        vec![pair(
            "CreateAccountInput.name",
            "value does not match the pattern `^[a-z][a-z0-9-]*$`"
        )]
    );
}

#[test]
fn one_member_can_violate_length_and_pattern() {
    let input = CreateAccountInput::new(String::new());
    assert_eq!(
        fixture_violations(&input),
        vec![
            pair(
                "CreateAccountInput.name",
                "length 0 is less than the minimum 3"
            ),
            pair(
                "CreateAccountInput.name",
                "value does not match the pattern `^[a-z][a-z0-9-]*$`"
            ),
        ]
    );
}

#[test]
fn range_below_and_above() {
    let mut input = valid_account();
    input.age = Some(17);
    assert_eq!(
        fixture_violations(&input),
        vec![pair(
            "CreateAccountInput.age",
            "value 17 is less than the minimum 18"
        )]
    );
    input.age = Some(131);
    assert_eq!(
        fixture_violations(&input),
        vec![pair(
            "CreateAccountInput.age",
            "value 131 is greater than the maximum 130"
        )]
    );
    input.age = Some(18);
    assert_eq!(input.validate(), Ok(()));
    input.age = Some(130);
    assert_eq!(input.validate(), Ok(()));
}

#[test]
fn list_too_short_and_too_long() {
    let mut input = valid_account();
    input.emails = Some(vec![]);
    assert_eq!(
        fixture_violations(&input),
        vec![pair(
            "CreateAccountInput.emails",
            "length 0 is less than the minimum 1"
        )]
    );
    input.emails = Some(vec!["a@b".to_owned(); 4]);
    assert_eq!(
        fixture_violations(&input),
        vec![pair(
            "CreateAccountInput.emails",
            "length 4 is greater than the maximum 3"
        )]
    );
}

#[test]
fn list_items_are_checked_with_their_index() {
    let mut input = valid_account();
    input.emails = Some(vec![
        "ok@example.com".to_owned(),
        "not-an-email".to_owned(),
        "a@b@c".to_owned(),
    ]);
    assert_eq!(
        fixture_violations(&input),
        vec![
            pair(
                "CreateAccountInput.emails[1]",
                "value does not match the pattern `^[^@]+@[^@]+$`"
            ),
            pair(
                "CreateAccountInput.emails[2]",
                "value does not match the pattern `^[^@]+@[^@]+$`"
            ),
        ]
    );
}

#[test]
fn a_constrained_required_collection_checks_itself_then_its_elements() {
    // `MergeAccounts`: `@length` on required list and map members whose elements (keys)
    // have constraints of their own, the shape of s3tables' `namespace` that once
    // generated a loop over `&self.namespace.iter()` (no iterator, no crate).
    let input = MergeAccountsInput::new(
        vec!["a@b".to_owned(), "x".to_owned(), "c@d".to_owned()],
        [
            ("ok-name".to_owned(), String::new()),
            ("X".to_owned(), String::new()),
        ]
        .into_iter()
        .collect(),
    );
    let violations: Vec<String> = match input.validate() {
        Ok(()) => Vec::new(),
        Err(e) => e.violations.into_iter().map(|v| v.path).collect(),
    };
    assert_eq!(
        violations,
        [
            "MergeAccountsInput.emails",
            "MergeAccountsInput.emails[1]",
            r#"MergeAccountsInput.aliases["X"]"#,
            r#"MergeAccountsInput.aliases["X"]"#,
        ]
    );
    let valid = MergeAccountsInput::new(
        vec!["a@b".to_owned()],
        [("alias".to_owned(), String::new())].into_iter().collect(),
    );
    assert_eq!(valid.validate(), Ok(()));
}

#[test]
fn unknown_enum_value_is_a_violation() {
    let mut input = valid_account();
    input.tier = Some(Tier::from("GOLD"));
    assert_eq!(
        fixture_violations(&input),
        vec![pair(
            "CreateAccountInput.tier",
            "`GOLD` is not one of the allowed values"
        )]
    );
}

#[test]
fn enum_map_keys_must_be_listed_values() {
    let mut input = valid_account();
    input.tier_limits = Some([("FREE".to_owned(), 1), ("GOLD".to_owned(), 2)].into());
    assert_eq!(
        fixture_violations(&input),
        vec![pair(
            "CreateAccountInput.tier_limits[\"GOLD\"]",
            "`GOLD` is not one of the allowed values"
        )]
    );
}

#[test]
fn map_keys_and_values_are_checked_with_their_key() {
    let mut input = valid_account();
    input.limits = Some(
        [("cpu".to_owned(), -1), ("X".to_owned(), 5)]
            .into_iter()
            .collect(),
    );
    assert_eq!(
        fixture_violations(&input),
        vec![
            // BTreeMap order: "X" sorts before "cpu".
            pair(
                r#"CreateAccountInput.limits["X"]"#,
                "length 1 is less than the minimum 3"
            ),
            pair(
                r#"CreateAccountInput.limits["X"]"#,
                "value does not match the pattern `^[a-z][a-z0-9-]*$`"
            ),
            pair(
                r#"CreateAccountInput.limits["cpu"]"#,
                "value -1 is less than the minimum 0"
            ),
        ]
    );
}

#[test]
fn every_violation_is_reported_in_member_order() {
    let mut input = CreateAccountInput::new("ab".to_owned());
    input.age = Some(5);
    input.emails = Some(vec!["nope".to_owned()]);
    input.tier = Some(Tier::from("GOLD"));
    let err = input.validate().unwrap_err();
    assert_eq!(
        err.to_string(),
        "validation failed: CreateAccountInput.name: length 2 is less than the minimum 3; \
         CreateAccountInput.age: value 5 is less than the minimum 18; \
         CreateAccountInput.emails[0]: value does not match the pattern `^[^@]+@[^@]+$`; \
         CreateAccountInput.tier: `GOLD` is not one of the allowed values"
    );
}

#[test]
fn int_enum_and_legacy_enum_unknown_values_are_violations() {
    use fixtures::enums::{Color, LegacyShade, Level, SetColorInput};
    let mut input = SetColorInput::new(Color::from("PINK"));
    input.level = Some(Level::from(5));
    input.legacy = Some(LegacyShade::from("dim"));
    assert_eq!(
        input.validate().unwrap_err().to_string(),
        "validation failed: SetColorInput.color: `PINK` is not one of the allowed values; \
         SetColorInput.level: `5` is not one of the allowed values; \
         SetColorInput.legacy: `dim` is not one of the allowed values"
    );
    let mut input = SetColorInput::new(Color::Blue);
    input.level = Some(Level::High);
    input.legacy = Some(LegacyShade::Dark);
    assert_eq!(input.validate(), Ok(()));
}

#[test]
fn enum_values_inside_lists_are_checked_with_their_index() {
    use fixtures::enums::{Color, SetColorOutput};
    let output = SetColorOutput {
        colors: Some(vec![Color::Red, Color::from("TEAL")]),
    };
    let err = output.validate().unwrap_err();
    assert_eq!(err.violations.len(), 1);
    assert_eq!(err.violations[0].path, "SetColorOutput.colors[1]");
    assert_eq!(
        err.violations[0].message,
        "`TEAL` is not one of the allowed values"
    );
}

// ----- real AWS shapes -----------------------------------------------------------------

fn aws_violations(err: generated::runtime::ValidationError) -> Vec<(String, String)> {
    err.violations
        .into_iter()
        .map(|v| (v.path, v.message))
        .collect()
}

#[test]
fn ivschat_create_room_valid_request_passes() {
    let request = generated::ivschat::CreateRoomRequest {
        name: Some("lobby_1-a".to_owned()),
        maximum_message_length: Some(500),
        maximum_message_rate_per_second: Some(1),
        tags: Some([("Stage".to_owned(), String::new())].into_iter().collect()),
        ..Default::default()
    };
    assert_eq!(request.validate(), Ok(()));
}

#[test]
fn ivschat_maximum_message_length_range() {
    use generated::ivschat::CreateRoomRequest;
    let low = CreateRoomRequest {
        maximum_message_length: Some(0),
        ..Default::default()
    };
    assert_eq!(
        aws_violations(low.validate().unwrap_err()),
        vec![pair(
            "CreateRoomRequest.maximum_message_length",
            "value 0 is less than the minimum 1"
        )]
    );
    let high = CreateRoomRequest {
        maximum_message_length: Some(501),
        ..Default::default()
    };
    assert_eq!(
        aws_violations(high.validate().unwrap_err()),
        vec![pair(
            "CreateRoomRequest.maximum_message_length",
            "value 501 is greater than the maximum 500"
        )]
    );
}

#[test]
fn ivschat_room_name_pattern_and_length() {
    use generated::ivschat::CreateRoomRequest;
    let bad = CreateRoomRequest {
        name: Some("bad name!".to_owned()),
        ..Default::default()
    };
    assert_eq!(
        aws_violations(bad.validate().unwrap_err()),
        vec![pair(
            "CreateRoomRequest.name",
            "value does not match the pattern `^[a-zA-Z0-9-_]*$`"
        )]
    );
    let long = CreateRoomRequest {
        name: Some("a".repeat(129)),
        ..Default::default()
    };
    assert_eq!(
        aws_violations(long.validate().unwrap_err()),
        vec![pair(
            "CreateRoomRequest.name",
            "length 129 is greater than the maximum 128"
        )]
    );
    // RoomName has no minimum: the empty name is valid.
    let empty = CreateRoomRequest {
        name: Some(String::new()),
        ..Default::default()
    };
    assert_eq!(empty.validate(), Ok(()));
}

#[test]
fn ivschat_map_keys_and_map_size() {
    use generated::ivschat::CreateRoomRequest;
    let empty_key = CreateRoomRequest {
        tags: Some([(String::new(), "v".to_owned())].into_iter().collect()),
        ..Default::default()
    };
    assert_eq!(
        aws_violations(empty_key.validate().unwrap_err()),
        vec![pair(
            r#"CreateRoomRequest.tags[""]"#,
            "length 0 is less than the minimum 1"
        )]
    );
    let long_value = CreateRoomRequest {
        tags: Some([("k".to_owned(), "v".repeat(257))].into_iter().collect()),
        ..Default::default()
    };
    assert_eq!(
        aws_violations(long_value.validate().unwrap_err()),
        vec![pair(
            r#"CreateRoomRequest.tags["k"]"#,
            "length 257 is greater than the maximum 256"
        )]
    );
    let too_many = CreateRoomRequest {
        tags: Some((0..51).map(|i| (format!("k{i}"), String::new())).collect()),
        ..Default::default()
    };
    assert_eq!(
        aws_violations(too_many.validate().unwrap_err()),
        vec![pair(
            "CreateRoomRequest.tags",
            "length 51 is greater than the maximum 50"
        )]
    );
}

#[test]
fn ivschat_nested_structure_and_enum_paths() {
    use generated::ivschat::{CreateRoomRequest, FallbackResult, MessageReviewHandler};
    let request = CreateRoomRequest {
        message_review_handler: Some(MessageReviewHandler {
            uri: Some("not-an-arn".to_owned()),
            fallback_result: Some(FallbackResult::from("MAYBE")),
        }),
        ..Default::default()
    };
    assert_eq!(
        aws_violations(request.validate().unwrap_err()),
        vec![
            pair(
                "CreateRoomRequest.message_review_handler.uri",
                "value does not match the pattern `^$|^arn:aws:lambda:[a-z0-9-]+:[0-9]{12}:function:.+`"
            ),
            pair("CreateRoomRequest.message_review_handler.fallback_result", "`MAYBE` is not one of the allowed values"),
        ]
    );
}

#[test]
fn ivschat_list_items_and_list_size() {
    use generated::ivschat::CreateRoomRequest;
    let good =
        "arn:aws:ivschat:us-west-2:123456789012:logging-configuration/ABcdef34ghIJ".to_owned();
    let request = CreateRoomRequest {
        logging_configuration_identifiers: Some(vec![good.clone(), "bogus".to_owned()]),
        ..Default::default()
    };
    assert_eq!(
        aws_violations(request.validate().unwrap_err()),
        vec![pair(
            "CreateRoomRequest.logging_configuration_identifiers[1]",
            "value does not match the pattern `^arn:aws:ivschat:[a-z0-9-]+:[0-9]+:logging-configuration/[a-zA-Z0-9-]+$`"
        )]
    );
    let request = CreateRoomRequest {
        logging_configuration_identifiers: Some(vec![good; 4]),
        ..Default::default()
    };
    assert_eq!(
        aws_violations(request.validate().unwrap_err()),
        vec![pair(
            "CreateRoomRequest.logging_configuration_identifiers",
            "length 4 is greater than the maximum 3"
        )]
    );
}

#[test]
fn ivschat_union_member_path() {
    use generated::ivschat::{
        CreateLoggingConfigurationRequest, DestinationConfiguration, S3DestinationConfiguration,
    };
    let request = CreateLoggingConfigurationRequest::new(DestinationConfiguration::S3(
        S3DestinationConfiguration::new("Bad_Bucket".to_owned()),
    ));
    assert_eq!(
        aws_violations(request.validate().unwrap_err()),
        vec![pair(
            "CreateLoggingConfigurationRequest.destination_configuration.S3.bucket_name",
            "value does not match the pattern `^[a-z0-9-.]+$`"
        )]
    );
}

#[test]
fn string_length_counts_characters_not_bytes() {
    use generated::ivschat::DeleteMessageRequest;
    // Reason: @length(min: 1, max: 256); `é` is two bytes in UTF-8.
    let mut request = DeleteMessageRequest::new(
        "arn:aws:ivschat:us-west-2:123456789012:room/g1H2I3j4k5L6".to_owned(),
        "ABCDEFGHIJKL".to_owned(),
    );
    request.reason = Some("é".repeat(256));
    assert_eq!(request.validate(), Ok(()));
    request.reason = Some("é".repeat(257));
    assert_eq!(
        aws_violations(request.validate().unwrap_err()),
        vec![pair(
            "DeleteMessageRequest.reason",
            "length 257 is greater than the maximum 256"
        )]
    );
}

#[test]
fn pattern_is_a_search_not_a_full_match() {
    use generated::chime::GetRoomRequest;
    // NonEmptyString: @pattern("\\S"), unanchored.
    assert_eq!(
        GetRoomRequest::new(" a ".to_owned(), "room".to_owned()).validate(),
        Ok(())
    );
    let blank = GetRoomRequest::new("   ".to_owned(), "room".to_owned());
    assert_eq!(
        aws_violations(blank.validate().unwrap_err()),
        vec![pair(
            "GetRoomRequest.account_id",
            r"value does not match the pattern `\S`"
        )]
    );
}

#[test]
fn chime_patterns_with_groups_and_classes_are_enforced() {
    use generated::chime::CreateMeetingDialOutRequest;
    let good = CreateMeetingDialOutRequest::new(
        "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d".to_owned(),
        "+12065550100".to_owned(),
        "+12065550101".to_owned(),
        "dGVzdA+/".to_owned(),
    );
    assert_eq!(good.validate(), Ok(()));
    let bad = CreateMeetingDialOutRequest::new(
        "0a1b2c3d-4e5f-6a7b-8c9d".to_owned(),
        "+02065550100".to_owned(),
        "206-555-0101".to_owned(),
        "x".to_owned(),
    );
    assert_eq!(
        aws_violations(bad.validate().unwrap_err()),
        vec![
            pair(
                "CreateMeetingDialOutRequest.meeting_id",
                "value does not match the pattern `^[a-fA-F0-9]{8}(?:-[a-fA-F0-9]{4}){3}-[a-fA-F0-9]{12}$`"
            ),
            pair("CreateMeetingDialOutRequest.from_phone_number", r"value does not match the pattern `^\+?[1-9]\d{1,14}$`"),
            pair("CreateMeetingDialOutRequest.to_phone_number", r"value does not match the pattern `^\+?[1-9]\d{1,14}$`"),
            pair("CreateMeetingDialOutRequest.join_token", "length 1 is less than the minimum 2"),
        ]
    );
}

#[test]
fn chime_client_request_token_constraints() {
    use generated::chime::CreateRoomRequest;
    let mut request = CreateRoomRequest::new("acct".to_owned(), "room".to_owned());
    request.client_request_token = Some("bad token!".to_owned());
    assert_eq!(
        aws_violations(request.validate().unwrap_err()),
        vec![pair(
            "CreateRoomRequest.client_request_token",
            "value does not match the pattern `^[-_a-zA-Z0-9]*$`"
        )]
    );
    request.client_request_token = Some("x".to_owned());
    assert_eq!(
        aws_violations(request.validate().unwrap_err()),
        vec![pair(
            "CreateRoomRequest.client_request_token",
            "length 1 is less than the minimum 2"
        )]
    );
}

#[test]
fn repeated_items_of_a_unique_items_list_are_a_violation() {
    let mut input = valid_account();
    input.labels = Some(vec!["a".to_owned(), "b".to_owned()]);
    assert_eq!(input.validate(), Ok(()));
    input.labels = Some(vec!["a".to_owned(), "b".to_owned(), "a".to_owned()]);
    let violations = fixture_violations(&input);
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0].0, "CreateAccountInput.labels");
}
