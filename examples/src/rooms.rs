//! In-memory chat rooms behind two generated servers: the Amazon Chime rooms operations
//! ([`ChimeRooms`]) and the Amazon IVS Chat ones ([`IvschatRooms`]), both served on one
//! listener by [`RoomsService`] (their `@http` patterns do not overlap: IVS Chat's are
//! `POST /<Operation>`, Chime's start with a resource segment such as `/accounts`).
//!
//! Only the rooms operations are implemented; every other operation answers the trait's
//! default, a 501 `NotImplemented`.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::time::{SystemTime, UNIX_EPOCH};

use generated::chime::{self, ChimeServer};
use generated::ivschat::{self, IvschatServer};
use generated::runtime::server::{self as rt_server, Response, ResponseFuture, ServerConfig};
use generated::runtime::DateTime;

/// A page of at most `max` items of `items` (sorted by key) starting at the opaque token
/// `token` (the first key of the page); the next page's token, if any.
///
/// # Errors
/// A message when the token is not one this service handed out.
fn page<T: Clone>(
    items: &BTreeMap<String, T>,
    token: Option<&str>,
    max: usize,
) -> Result<(Vec<T>, Option<String>), String> {
    let start = match token {
        None => None,
        Some(t) if items.contains_key(t) => Some(t.to_owned()),
        Some(t) => return Err(format!("invalid NextToken `{t}`")),
    };
    let mut iter = items
        .range(start.unwrap_or_default()..)
        .map(|(k, v)| (k.clone(), v.clone()));
    let page: Vec<T> = iter.by_ref().take(max).map(|(_, v)| v).collect();
    let next = iter.next().map(|(k, _)| k);
    Ok((page, next))
}

fn now() -> DateTime {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    DateTime::from_secs(secs)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A handler that panicked mid-update is answered as a 500; the map stays usable.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The page size when a request gives none, and the largest one served.
fn page_size(requested: Option<i32>, default: usize, max: usize) -> usize {
    requested
        .and_then(|n| usize::try_from(n).ok())
        .filter(|n| *n > 0)
        .unwrap_or(default)
        .min(max)
}

/// A Chime room and its memberships, by member id.
#[derive(Clone)]
struct ChimeRoom {
    room: chime::Room,
    members: BTreeMap<String, chime::RoomMembership>,
}

/// Amazon Chime rooms in memory: rooms by account, then by room id (a GUID).
#[derive(Default)]
pub struct ChimeRooms {
    rooms: Mutex<BTreeMap<(String, String), ChimeRoom>>,
    /// `CreateRoom`'s idempotency tokens by account, then token: the name asked for and
    /// the room made. Locked before `rooms` (only `create_room` takes both).
    tokens: Mutex<BTreeMap<(String, String), (String, String)>>,
    next_id: AtomicU64,
}

fn chime_not_found(what: &str, id: &str) -> chime::NotFoundException {
    chime::NotFoundException {
        code: Some(chime::ErrorCode::NotFound),
        message: Some(format!("{what} {id} not found")),
    }
}

fn chime_bad_request(message: String) -> chime::BadRequestException {
    chime::BadRequestException {
        code: Some(chime::ErrorCode::BadRequest),
        message: Some(message),
    }
}

impl ChimeRooms {
    fn with_room<T>(
        &self,
        account: &str,
        room: &str,
        f: impl FnOnce(&mut ChimeRoom) -> T,
    ) -> Result<T, chime::NotFoundException> {
        let mut rooms = lock(&self.rooms);
        rooms
            .get_mut(&(account.to_owned(), room.to_owned()))
            .map(f)
            .ok_or_else(|| chime_not_found("room", room))
    }
}

impl chime::Chime for ChimeRooms {
    async fn create_room(
        &self,
        input: chime::CreateRoomRequest,
    ) -> Result<chime::CreateRoomResponse, chime::CreateRoomError> {
        // The service honours `ClientRequestToken` (`@idempotencyToken`): a retry with the
        // same token and name gets the room the first call made, and makes none; the
        // token with another name is a bad request. A token whose room was deleted since
        // makes a new one.
        let mut tokens = lock(&self.tokens);
        let key = input
            .client_request_token
            .clone()
            .map(|token| (input.account_id.clone(), token));
        if let Some((name, id)) = key.as_ref().and_then(|k| tokens.get(k)) {
            if *name != input.name {
                return Err(chime::CreateRoomError::BadRequestException(
                    chime_bad_request(
                        "ClientRequestToken was already used with another Name".to_owned(),
                    ),
                ));
            }
            let rooms = lock(&self.rooms);
            if let Some(made) = rooms.get(&(input.account_id.clone(), id.clone())) {
                return Ok(chime::CreateRoomResponse {
                    room: Some(made.room.clone()),
                });
            }
        }
        let n = self.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        let id = format!("00000000-0000-4000-8000-{n:012x}");
        if let Some(key) = key {
            tokens.insert(key, (input.name.clone(), id.clone()));
        }
        let room = chime::Room {
            room_id: Some(id.clone()),
            name: Some(input.name),
            account_id: Some(input.account_id.clone()),
            created_by: Some("example".to_owned()),
            created_timestamp: Some(now()),
            updated_timestamp: Some(now()),
        };
        let record = ChimeRoom {
            room: room.clone(),
            members: BTreeMap::new(),
        };
        lock(&self.rooms).insert((input.account_id, id), record);
        Ok(chime::CreateRoomResponse { room: Some(room) })
    }

    async fn get_room(
        &self,
        input: chime::GetRoomRequest,
    ) -> Result<chime::GetRoomResponse, chime::GetRoomError> {
        let room = self
            .with_room(&input.account_id, &input.room_id, |r| r.room.clone())
            .map_err(chime::GetRoomError::NotFoundException)?;
        Ok(chime::GetRoomResponse { room: Some(room) })
    }

    async fn list_rooms(
        &self,
        input: chime::ListRoomsRequest,
    ) -> Result<chime::ListRoomsResponse, chime::ListRoomsError> {
        let rooms: BTreeMap<String, chime::Room> = lock(&self.rooms)
            .iter()
            .filter(|((account, _), _)| *account == input.account_id)
            .filter(|(_, r)| {
                input
                    .member_id
                    .as_ref()
                    .is_none_or(|m| r.members.contains_key(m))
            })
            .map(|((_, id), r)| (id.clone(), r.room.clone()))
            .collect();
        let max = page_size(input.max_results, 50, 99);
        let (rooms, next_token) = page(&rooms, input.next_token.as_deref(), max)
            .map_err(|m| chime::ListRoomsError::BadRequestException(chime_bad_request(m)))?;
        Ok(chime::ListRoomsResponse {
            rooms: Some(rooms),
            next_token,
        })
    }

    async fn update_room(
        &self,
        input: chime::UpdateRoomRequest,
    ) -> Result<chime::UpdateRoomResponse, chime::UpdateRoomError> {
        let room = self
            .with_room(&input.account_id, &input.room_id, |r| {
                if let Some(name) = input.name {
                    r.room.name = Some(name);
                }
                r.room.updated_timestamp = Some(now());
                r.room.clone()
            })
            .map_err(chime::UpdateRoomError::NotFoundException)?;
        Ok(chime::UpdateRoomResponse { room: Some(room) })
    }

    async fn delete_room(
        &self,
        input: chime::DeleteRoomRequest,
    ) -> Result<(), chime::DeleteRoomError> {
        lock(&self.rooms)
            .remove(&(input.account_id, input.room_id.clone()))
            .map(|_| ())
            .ok_or_else(|| {
                chime::DeleteRoomError::NotFoundException(chime_not_found("room", &input.room_id))
            })
    }

    async fn create_room_membership(
        &self,
        input: chime::CreateRoomMembershipRequest,
    ) -> Result<chime::CreateRoomMembershipResponse, chime::CreateRoomMembershipError> {
        let membership = chime::RoomMembership {
            room_id: Some(input.room_id.clone()),
            member: Some(chime::Member {
                member_id: Some(input.member_id.clone()),
                member_type: Some(chime::MemberType::User),
                account_id: Some(input.account_id.clone()),
                ..Default::default()
            }),
            role: Some(input.role.unwrap_or(chime::RoomMembershipRole::Member)),
            invited_by: Some("example".to_owned()),
            updated_timestamp: Some(now()),
        };
        self.with_room(&input.account_id, &input.room_id, |r| {
            r.members.insert(input.member_id, membership.clone());
        })
        .map_err(chime::CreateRoomMembershipError::NotFoundException)?;
        Ok(chime::CreateRoomMembershipResponse {
            room_membership: Some(membership),
        })
    }

    async fn list_room_memberships(
        &self,
        input: chime::ListRoomMembershipsRequest,
    ) -> Result<chime::ListRoomMembershipsResponse, chime::ListRoomMembershipsError> {
        let members = self
            .with_room(&input.account_id, &input.room_id, |r| r.members.clone())
            .map_err(chime::ListRoomMembershipsError::NotFoundException)?;
        let max = page_size(input.max_results, 50, 99);
        let (room_memberships, next_token) = page(&members, input.next_token.as_deref(), max)
            .map_err(|m| {
                chime::ListRoomMembershipsError::BadRequestException(chime_bad_request(m))
            })?;
        Ok(chime::ListRoomMembershipsResponse {
            room_memberships: Some(room_memberships),
            next_token,
        })
    }

    async fn delete_room_membership(
        &self,
        input: chime::DeleteRoomMembershipRequest,
    ) -> Result<(), chime::DeleteRoomMembershipError> {
        let removed = self
            .with_room(&input.account_id, &input.room_id, |r| {
                r.members.remove(&input.member_id).is_some()
            })
            .map_err(chime::DeleteRoomMembershipError::NotFoundException)?;
        if removed {
            Ok(())
        } else {
            Err(chime::DeleteRoomMembershipError::NotFoundException(
                chime_not_found("member", &input.member_id),
            ))
        }
    }
}

/// Amazon IVS Chat rooms in memory, by ARN.
#[derive(Default)]
pub struct IvschatRooms {
    rooms: Mutex<BTreeMap<String, ivschat::GetRoomResponse>>,
    next_id: AtomicU64,
}

/// The ARN prefix of the example's rooms (account `123456789012`, region `us-east-1`).
pub const IVSCHAT_ARN_PREFIX: &str = "arn:aws:ivschat:us-east-1:123456789012:room/";

fn ivschat_not_found(identifier: &str) -> ivschat::ResourceNotFoundException {
    ivschat::ResourceNotFoundException::new(
        format!("room {identifier} not found"),
        identifier.to_owned(),
        ivschat::ResourceType::Room,
    )
}

impl IvschatRooms {
    fn with_room<T>(
        &self,
        identifier: &str,
        f: impl FnOnce(&mut ivschat::GetRoomResponse) -> T,
    ) -> Result<T, ivschat::ResourceNotFoundException> {
        lock(&self.rooms)
            .get_mut(identifier)
            .map(f)
            .ok_or_else(|| ivschat_not_found(identifier))
    }
}

impl ivschat::Ivschat for IvschatRooms {
    async fn create_room(
        &self,
        input: ivschat::CreateRoomRequest,
    ) -> Result<ivschat::CreateRoomResponse, ivschat::CreateRoomError> {
        let n = self.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        let id = format!("room{n:08}");
        let arn = format!("{IVSCHAT_ARN_PREFIX}{id}");
        let room = ivschat::GetRoomResponse {
            arn: Some(arn.clone()),
            id: Some(id),
            name: Some(input.name.unwrap_or_default()),
            create_time: Some(now()),
            update_time: Some(now()),
            maximum_message_rate_per_second: Some(
                input.maximum_message_rate_per_second.unwrap_or(10),
            ),
            maximum_message_length: Some(input.maximum_message_length.unwrap_or(500)),
            message_review_handler: input.message_review_handler,
            tags: Some(input.tags.unwrap_or_default()),
            logging_configuration_identifiers: Some(
                input.logging_configuration_identifiers.unwrap_or_default(),
            ),
        };
        lock(&self.rooms).insert(arn, room.clone());
        Ok(created(room))
    }

    async fn get_room(
        &self,
        input: ivschat::GetRoomRequest,
    ) -> Result<ivschat::GetRoomResponse, ivschat::GetRoomError> {
        self.with_room(&input.identifier, |r| r.clone())
            .map_err(ivschat::GetRoomError::ResourceNotFoundException)
    }

    async fn list_rooms(
        &self,
        input: ivschat::ListRoomsRequest,
    ) -> Result<ivschat::ListRoomsResponse, ivschat::ListRoomsError> {
        let rooms: BTreeMap<String, ivschat::RoomSummary> = lock(&self.rooms)
            .iter()
            .filter(|(_, r)| input.name.is_none() || r.name == input.name)
            .map(|(arn, r)| (arn.clone(), summary(r)))
            .collect();
        let max = page_size(input.max_results, 50, 50);
        let (rooms, next_token) = page(&rooms, input.next_token.as_deref(), max).map_err(|m| {
            ivschat::ListRoomsError::ValidationException(ivschat::ValidationException::new(
                m,
                ivschat::ValidationExceptionReason::FieldValidationFailed,
            ))
        })?;
        Ok(ivschat::ListRoomsResponse { rooms, next_token })
    }

    async fn update_room(
        &self,
        input: ivschat::UpdateRoomRequest,
    ) -> Result<ivschat::UpdateRoomResponse, ivschat::UpdateRoomError> {
        let room = self
            .with_room(&input.identifier, |r| {
                if input.name.is_some() {
                    r.name = input.name;
                }
                if input.maximum_message_rate_per_second.is_some() {
                    r.maximum_message_rate_per_second = input.maximum_message_rate_per_second;
                }
                if input.maximum_message_length.is_some() {
                    r.maximum_message_length = input.maximum_message_length;
                }
                if input.message_review_handler.is_some() {
                    r.message_review_handler = input.message_review_handler;
                }
                if input.logging_configuration_identifiers.is_some() {
                    r.logging_configuration_identifiers = input.logging_configuration_identifiers;
                }
                r.update_time = Some(now());
                r.clone()
            })
            .map_err(ivschat::UpdateRoomError::ResourceNotFoundException)?;
        Ok(updated(room))
    }

    async fn delete_room(
        &self,
        input: ivschat::DeleteRoomRequest,
    ) -> Result<(), ivschat::DeleteRoomError> {
        match lock(&self.rooms).remove(&input.identifier) {
            Some(_) => Ok(()),
            None => Err(ivschat::DeleteRoomError::ResourceNotFoundException(
                ivschat_not_found(&input.identifier),
            )),
        }
    }
}

fn summary(r: &ivschat::GetRoomResponse) -> ivschat::RoomSummary {
    ivschat::RoomSummary {
        arn: r.arn.clone(),
        id: r.id.clone(),
        name: r.name.clone(),
        message_review_handler: r.message_review_handler.clone(),
        create_time: r.create_time,
        update_time: r.update_time,
        tags: r.tags.clone(),
        logging_configuration_identifiers: r.logging_configuration_identifiers.clone(),
    }
}

fn created(r: ivschat::GetRoomResponse) -> ivschat::CreateRoomResponse {
    ivschat::CreateRoomResponse {
        arn: r.arn,
        id: r.id,
        name: r.name,
        create_time: r.create_time,
        update_time: r.update_time,
        maximum_message_rate_per_second: r.maximum_message_rate_per_second,
        maximum_message_length: r.maximum_message_length,
        message_review_handler: r.message_review_handler,
        tags: r.tags,
        logging_configuration_identifiers: r.logging_configuration_identifiers,
    }
}

fn updated(r: ivschat::GetRoomResponse) -> ivschat::UpdateRoomResponse {
    ivschat::UpdateRoomResponse {
        arn: r.arn,
        id: r.id,
        name: r.name,
        create_time: r.create_time,
        update_time: r.update_time,
        maximum_message_rate_per_second: r.maximum_message_rate_per_second,
        maximum_message_length: r.maximum_message_length,
        message_review_handler: r.message_review_handler,
        tags: r.tags,
        logging_configuration_identifiers: r.logging_configuration_identifiers,
    }
}

/// Both services on one listener: a request IVS Chat routes goes to IVS Chat, any other
/// to Chime (which answers 404/405 for what it does not know).
#[derive(Clone, Debug)]
pub struct RoomsService {
    chime: ChimeServer<ChimeRooms>,
    ivschat: IvschatServer<IvschatRooms>,
}

impl RoomsService {
    /// Empty rooms services with `config` (the request body limit).
    pub fn new(config: ServerConfig) -> Self {
        RoomsService {
            chime: ChimeServer::with_config(ChimeRooms::default(), config),
            ivschat: IvschatServer::with_config(IvschatRooms::default(), config),
        }
    }
}

impl Default for RoomsService {
    fn default() -> Self {
        Self::new(ServerConfig::default())
    }
}

impl<B> tower_service::Service<http::Request<B>> for RoomsService
where
    B: http_body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = ResponseFuture;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<B>) -> ResponseFuture {
        let uri = request.uri();
        let ivschat = self
            .ivschat
            .routes()
            .find(
                request.method().as_str(),
                uri.path(),
                uri.query().unwrap_or(""),
            )
            .is_ok();
        if ivschat {
            self.ivschat.call(request)
        } else {
            self.chime.call(request)
        }
    }
}

/// Serves [`RoomsService`] on `listener` until `shutdown` completes (see
/// `generated::runtime::server::serve`).
///
/// # Errors
/// As `serve`.
pub async fn serve(
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    rt_server::serve(listener, RoomsService::default(), shutdown).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_follow_tokens_to_the_end() {
        let items: BTreeMap<String, u32> = (0..5).map(|i| (format!("k{i}"), i)).collect();
        let (first, next) = page(&items, None, 2).expect("first page");
        assert_eq!(first, vec![0, 1]);
        assert_eq!(next.as_deref(), Some("k2"));
        let (second, next) = page(&items, next.as_deref(), 2).expect("second page");
        assert_eq!(second, vec![2, 3]);
        let (last, next) = page(&items, next.as_deref(), 2).expect("last page");
        assert_eq!((last, next), (vec![4], None));
        assert!(page(&items, Some("nope"), 2).is_err());
    }

    #[test]
    fn page_sizes_are_bounded() {
        assert_eq!(page_size(None, 50, 99), 50);
        assert_eq!(page_size(Some(0), 50, 99), 50);
        assert_eq!(page_size(Some(-3), 50, 99), 50);
        assert_eq!(page_size(Some(500), 50, 99), 99);
        assert_eq!(page_size(Some(7), 50, 99), 7);
    }
}
