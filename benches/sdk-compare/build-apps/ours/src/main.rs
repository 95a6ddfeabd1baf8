//! Lists Chime and IVS Chat rooms through the generated crate's clients.

use generated::chime::{self, Chime};
use generated::ivschat::{self, Ivschat};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let chime = chime::Client::from_env()?;
    let rooms = chime
        .list_rooms(chime::ListRoomsRequest::new("123456789012".to_owned()))
        .await?;
    println!("{} Chime rooms", rooms.rooms.unwrap_or_default().len());
    let ivschat = ivschat::Client::from_env()?;
    let rooms = ivschat
        .list_rooms(ivschat::ListRoomsRequest::default())
        .await?;
    println!("{} IVS Chat rooms", rooms.rooms.len());
    Ok(())
}
