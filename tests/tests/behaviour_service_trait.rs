//! The service trait: a fake implementing a few `Chime` operations, default
//! "not implemented" bodies, `Send` futures, and the `Operation` metadata from `@http` and
//! `@paginated`.

use std::sync::Mutex;

use generated::chime::{
    Chime, CreateRoomError, CreateRoomRequest, CreateRoomResponse, DeleteRoomRequest, GetRoomError,
    GetRoomRequest, GetRoomResponse, ListRoomsRequest, NotFoundException, Room,
};
use generated::runtime::{DateTime, Operation, Pagination, UnhandledError};

fn assert_send<T: Send>(_: &T) {}

/// Keeps created rooms; knows only `create_room` and `get_room`.
#[derive(Default)]
struct FakeChime {
    rooms: Mutex<Vec<Room>>,
}

impl Chime for FakeChime {
    async fn create_room(
        &self,
        input: CreateRoomRequest,
    ) -> Result<CreateRoomResponse, CreateRoomError> {
        let mut rooms = self.rooms.lock().unwrap();
        let room = Room {
            room_id: Some(format!("room-{}", rooms.len() + 1)),
            name: Some(input.name),
            account_id: Some(input.account_id),
            created_timestamp: Some(DateTime::from_secs(1_555_010_095)),
            ..Default::default()
        };
        rooms.push(room.clone());
        Ok(CreateRoomResponse { room: Some(room) })
    }

    async fn get_room(&self, input: GetRoomRequest) -> Result<GetRoomResponse, GetRoomError> {
        let rooms = self.rooms.lock().unwrap();
        match rooms
            .iter()
            .find(|r| r.room_id.as_deref() == Some(&input.room_id))
        {
            Some(room) => Ok(GetRoomResponse {
                room: Some(room.clone()),
            }),
            None => Err(GetRoomError::NotFoundException(NotFoundException {
                code: Some(generated::chime::ErrorCode::NotFound),
                message: Some(format!("room {} not found", input.room_id)),
            })),
        }
    }
}

#[test]
fn implemented_operation_returns_the_canned_response() {
    let fake = FakeChime::default();
    let created = pollster::block_on(fake.create_room(CreateRoomRequest::new(
        "acct-1".to_owned(),
        "standup".to_owned(),
    )))
    .unwrap();
    let room = created.room.unwrap();
    assert_eq!(room.room_id.as_deref(), Some("room-1"));
    assert_eq!(room.name.as_deref(), Some("standup"));
    assert_eq!(room.account_id.as_deref(), Some("acct-1"));

    let fetched = pollster::block_on(fake.get_room(GetRoomRequest::new(
        "acct-1".to_owned(),
        "room-1".to_owned(),
    )))
    .unwrap();
    assert_eq!(fetched.room, Some(room));
}

#[test]
fn implemented_operation_returns_a_modeled_error() {
    let fake = FakeChime::default();
    let err = pollster::block_on(
        fake.get_room(GetRoomRequest::new("acct-1".to_owned(), "nope".to_owned())),
    )
    .unwrap_err();
    assert_eq!(err.code(), Some("NotFoundException"));
    assert_eq!(err.to_string(), "NotFoundException: room nope not found");
    let GetRoomError::NotFoundException(e) = err else {
        panic!("expected NotFoundException")
    };
    assert_eq!(e.code, Some(generated::chime::ErrorCode::NotFound));
}

#[test]
fn unimplemented_operation_returns_not_implemented() {
    let fake = FakeChime::default();
    let err = pollster::block_on(fake.list_rooms(ListRoomsRequest::new("acct-1".to_owned())))
        .unwrap_err();
    assert_eq!(err.code(), Some("NotImplemented"));
    assert_eq!(
        err.to_string(),
        "NotImplemented (HTTP 501): operation ListRooms is not implemented"
    );
    let generated::chime::ListRoomsError::Unhandled(unhandled) = err else {
        panic!("expected Unhandled")
    };
    assert_eq!(unhandled, UnhandledError::not_implemented("ListRooms"));
    assert_eq!(unhandled.status, Some(501));

    // An operation with no output (smithy.api#Unit) too.
    let err = pollster::block_on(fake.delete_room(DeleteRoomRequest::new(
        "acct-1".to_owned(),
        "room-1".to_owned(),
    )))
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "NotImplemented (HTTP 501): operation DeleteRoom is not implemented"
    );
}

#[test]
fn futures_are_send() {
    let fake = FakeChime::default();
    let implemented = fake.create_room(CreateRoomRequest::new("a".to_owned(), "n".to_owned()));
    assert_send(&implemented);
    let default_body = fake.list_rooms(ListRoomsRequest::new("a".to_owned()));
    assert_send(&default_body);
    drop((implemented, default_body));
}

#[test]
fn fake_can_be_shared_across_threads() {
    let fake = std::sync::Arc::new(FakeChime::default());
    let worker = {
        let fake = fake.clone();
        std::thread::spawn(move || {
            pollster::block_on(
                fake.create_room(CreateRoomRequest::new("a".to_owned(), "n".to_owned())),
            )
            .unwrap()
        })
    };
    let created = worker.join().unwrap();
    assert_eq!(created.room.unwrap().room_id.as_deref(), Some("room-1"));
    assert_eq!(fake.rooms.lock().unwrap().len(), 1);
}

// ----- operation metadata (chime-2018-05-01.json) ------------------------------------

#[test]
fn chime_create_room_metadata() {
    use generated::chime::CreateRoom;
    assert_eq!(CreateRoom::NAME, "CreateRoom");
    assert_eq!(CreateRoom::HTTP.unwrap().method, "POST");
    assert_eq!(CreateRoom::HTTP.unwrap().uri, "/accounts/{AccountId}/rooms");
    assert_eq!(CreateRoom::HTTP.unwrap().code, 201);
    assert_eq!(CreateRoom::PAGINATION, None);
}

#[test]
fn chime_get_and_delete_room_metadata() {
    use generated::chime::{DeleteRoom, GetRoom};
    assert_eq!(
        (
            GetRoom::HTTP.unwrap().method,
            GetRoom::HTTP.unwrap().uri,
            GetRoom::HTTP.unwrap().code
        ),
        ("GET", "/accounts/{AccountId}/rooms/{RoomId}", 200)
    );
    assert_eq!(
        (
            DeleteRoom::NAME,
            DeleteRoom::HTTP.unwrap().method,
            DeleteRoom::HTTP.unwrap().uri,
            DeleteRoom::HTTP.unwrap().code
        ),
        (
            "DeleteRoom",
            "DELETE",
            "/accounts/{AccountId}/rooms/{RoomId}",
            204
        )
    );
    // DeleteRoom's output is smithy.api#Unit.
    fn output_is_unit<O: Operation<Output = ()>>() {}
    output_is_unit::<DeleteRoom>();
}

#[test]
fn chime_list_rooms_pagination() {
    use generated::chime::ListRooms;
    assert_eq!(
        (
            ListRooms::HTTP.unwrap().method,
            ListRooms::HTTP.unwrap().uri,
            ListRooms::HTTP.unwrap().code
        ),
        ("GET", "/accounts/{AccountId}/rooms", 200)
    );
    assert_eq!(
        ListRooms::PAGINATION,
        Some(Pagination {
            input_token: "NextToken",
            output_token: "NextToken",
            items: None,
            page_size: Some("MaxResults")
        })
    );
}

#[test]
fn chime_uri_with_a_query_literal_is_kept_verbatim() {
    use generated::chime::SearchAvailablePhoneNumbers as Search;
    assert_eq!(
        (Search::HTTP.unwrap().method, Search::HTTP.unwrap().uri),
        ("GET", "/search?type=phone-numbers")
    );
    assert!(Search::PAGINATION.is_some());
}

#[test]
fn ivschat_operation_metadata() {
    use generated::ivschat::{DeleteRoom, GetRoom, ListRooms, UntagResource};
    assert_eq!(
        (
            GetRoom::HTTP.unwrap().method,
            GetRoom::HTTP.unwrap().uri,
            GetRoom::HTTP.unwrap().code
        ),
        ("POST", "/GetRoom", 200)
    );
    assert_eq!(DeleteRoom::HTTP.unwrap().code, 204);
    assert_eq!(
        (
            UntagResource::HTTP.unwrap().method,
            UntagResource::HTTP.unwrap().uri
        ),
        ("DELETE", "/tags/{resourceArn}")
    );
    assert_eq!(
        ListRooms::PAGINATION,
        Some(Pagination {
            input_token: "nextToken",
            output_token: "nextToken",
            items: None,
            page_size: Some("maxResults")
        })
    );
}

#[test]
fn operation_associated_types_line_up_with_the_trait() {
    fn input_of<O: Operation>(input: O::Input) -> O::Input {
        input
    }
    let request =
        input_of::<generated::chime::GetRoom>(GetRoomRequest::new("a".to_owned(), "r".to_owned()));
    let fake = FakeChime::default();
    let result: Result<
        <generated::chime::GetRoom as Operation>::Output,
        <generated::chime::GetRoom as Operation>::Error,
    > = pollster::block_on(fake.get_room(request));
    assert!(result.is_err());
}
