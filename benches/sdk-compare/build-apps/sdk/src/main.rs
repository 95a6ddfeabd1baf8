//! Lists Chime and IVS Chat rooms through the AWS SDK for Rust.

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = aws_config::load_from_env().await;
    let chime = aws_sdk_chime::Client::new(&config);
    let rooms = chime.list_rooms().account_id("123456789012").send().await?;
    println!("{} Chime rooms", rooms.rooms().len());
    let ivschat = aws_sdk_ivschat::Client::new(&config);
    let rooms = ivschat.list_rooms().send().await?;
    println!("{} IVS Chat rooms", rooms.rooms().len());
    Ok(())
}
