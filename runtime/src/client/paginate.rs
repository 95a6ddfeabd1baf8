//! Paginators (spec `@paginated`): a stream of pages that sends each page's next token
//! with the following request, and a stream of the pages' items.
//!
//! A paginator stops after a page whose next token is absent, empty, or equal to the
//! token just sent (a service that repeats a token would otherwise loop forever), and
//! after the first error (which it yields).

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use super::super::operation::Operation;

/// A `@paginated` operation's token members, implemented by the generated client for
/// each such operation from its pagination member paths.
pub trait Paginated: Operation {
    /// The input's continuation token.
    fn input_token(input: &Self::Input) -> Option<&str>;
    /// Sets the input's continuation token.
    fn set_input_token(input: &mut Self::Input, token: String);
    /// The output's next token.
    fn output_token(output: &Self::Output) -> Option<&str>;
}

/// A paginated operation whose pages have items (`@paginated(items: …)`).
pub trait PaginatedItems: Paginated {
    /// One item of a page.
    type Item;
    /// A page's items (none when the member is absent).
    fn items(output: Self::Output) -> Vec<Self::Item>;
}

/// The future of one page.
pub type PageFuture<O> = Pin<
    Box<
        dyn Future<Output = Result<<O as Operation>::Output, <O as Operation>::Error>>
            + Send
            + 'static,
    >,
>;

/// Fetches one page for an input.
pub type FetchPage<O> = Box<dyn Fn(<O as Operation>::Input) -> PageFuture<O> + Send + Sync>;

/// The pages of a paginated operation, as a [`Stream`] of results.
pub struct Pages<O: Paginated> {
    fetch: FetchPage<O>,
    /// The input of the next page; `None` once the last page (or an error) is out.
    next: Option<O::Input>,
    /// The token sent with the pending request.
    sent: Option<String>,
    pending: Option<PageFuture<O>>,
}

// No field is ever pinned in place: the pending future is boxed.
impl<O: Paginated> Unpin for Pages<O> {}

impl<O: Paginated> Pages<O> {
    /// Pages starting from `input`, each fetched with `fetch`.
    pub fn new(input: O::Input, fetch: FetchPage<O>) -> Self {
        Pages {
            fetch,
            next: Some(input),
            sent: None,
            pending: None,
        }
    }

    /// The next page, `None` after the last one: [`Stream::poll_next`] as an `async`
    /// call, so callers need no stream utility crate.
    pub async fn next(&mut self) -> Option<Result<O::Output, O::Error>>
    where
        O::Input: Clone,
    {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<O> Stream for Pages<O>
where
    O: Paginated,
    O::Input: Clone,
{
    type Item = Result<O::Output, O::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.pending.is_none() {
            let Some(input) = &this.next else {
                return Poll::Ready(None);
            };
            this.sent = O::input_token(input).map(str::to_owned);
            this.pending = Some((this.fetch)(input.clone()));
        }
        let Some(pending) = this.pending.as_mut() else {
            return Poll::Ready(None);
        };
        let result = match pending.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(result) => result,
        };
        this.pending = None;
        match &result {
            Ok(output) => {
                let token = O::output_token(output)
                    .filter(|t| !t.is_empty() && Some(*t) != this.sent.as_deref())
                    .map(str::to_owned);
                match (token, &mut this.next) {
                    (Some(token), Some(input)) => O::set_input_token(input, token),
                    _ => this.next = None,
                }
            }
            Err(_) => this.next = None,
        }
        Poll::Ready(Some(result))
    }
}

/// The items of every page, in order, as a [`Stream`]; an error ends it.
pub struct Items<O: PaginatedItems> {
    pages: Pages<O>,
    buffered: VecDeque<O::Item>,
}

impl<O: PaginatedItems> Unpin for Items<O> {}

impl<O: PaginatedItems> Items<O> {
    /// The items of `pages`.
    pub fn new(pages: Pages<O>) -> Self {
        Items {
            pages,
            buffered: VecDeque::new(),
        }
    }

    /// The next item, `None` after the last one: [`Stream::poll_next`] as an `async`
    /// call.
    pub async fn next(&mut self) -> Option<Result<O::Item, O::Error>>
    where
        O::Input: Clone,
    {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<O> Stream for Items<O>
where
    O: PaginatedItems,
    O::Input: Clone,
{
    type Item = Result<O::Item, O::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffered.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok(page))) => this.buffered.extend(O::items(page)),
            }
        }
    }
}
