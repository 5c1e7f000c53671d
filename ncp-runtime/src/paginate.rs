//! Pages and items of every list operation as streams, written once against [`Paginated`], which
//! the request type of each paged operation implements (generated from the spec).
//!
//! NCP pages in three dialects, all described by the same trait: action-style `pageNo`/`pageSize`
//! with `totalRows`; SENS `pageIndex`/`pageSize` with `hasMore` or `totalCount`; Web Security
//! Checker `page`/`limit` with `totalCnt`.

use std::future::Future;
use std::pin::Pin;

use futures_util::stream::{self, Stream, TryStreamExt};

use crate::{Error, Result};

/// The future of one page request.
pub type PageFuture<O> = Pin<Box<dyn Future<Output = Result<O>> + Send>>;

/// A paged operation's request: how to ask for a page and how to read one. Implemented by the
/// generated request types of list operations; use it through the product client's `paginate`.
pub trait Paginated: Clone + Send + Sync + Sized + 'static {
    /// The product client that sends the request.
    type Client: Clone + Send + Sync + 'static;
    /// One page's answer.
    type Output: Send + 'static;
    /// One item of a page.
    type Item: Clone + PartialEq + Send + 'static;
    /// The operation's name, for errors.
    const OPERATION: &'static str;
    /// The number of the first page: 1 for most NCP APIs, 0 for SENS `pageIndex`.
    const FIRST_PAGE: i64;

    /// Sends the request for one page.
    fn fetch(client: &Self::Client, request: Self) -> PageFuture<Self::Output>;
    /// The page this request asks for, when set.
    fn page(&self) -> Option<i64>;
    /// Asks for `page`.
    fn set_page(&mut self, page: i64);
    /// The page size this request asks for, when set.
    fn page_size(&self) -> Option<i64>;
    /// A page's items.
    fn items(output: &Self::Output) -> &[Self::Item];
    /// A page's items, taken.
    fn into_items(output: Self::Output) -> Vec<Self::Item>;
    /// The number of items in all pages, when the answer says.
    fn total(_output: &Self::Output) -> Option<i64> {
        None
    }
    /// Whether more pages follow, when the answer says.
    fn has_more(_output: &Self::Output) -> Option<bool> {
        None
    }
}

/// Pages of 100 or more items make 10,000 pages a million items: past that, a server that keeps
/// saying "more" is more likely broken than large.
pub const DEFAULT_MAX_PAGES: u32 = 10_000;

/// The pages ([`Paginator::pages`]) or items ([`Paginator::items`]) of a list operation, starting
/// at the request's page (or the first) and asking with its page size. Each page is a normal call
/// of the operation: signed, retried and bounded by the client's and the call's options.
///
/// The stream ends after the last page, without an extra request: when the answer says no more
/// follow, when the items reach the total it reports, or when a page is shorter than the page size
/// asked for. A server that repeats a page, reports a total it never reaches, or never stops ends
/// the stream with [`Error::Pagination`].
#[must_use = "a paginator does nothing until its stream is polled"]
pub struct Paginator<R: Paginated> {
    client: R::Client,
    request: R,
    max_pages: u32,
}

impl<R: Paginated> Paginator<R> {
    /// Pages of `request`, sent by `client`.
    pub fn new(client: R::Client, request: R) -> Self {
        Paginator {
            client,
            request,
            max_pages: DEFAULT_MAX_PAGES,
        }
    }

    /// Stops with [`Error::Pagination`] rather than ask for more than `max_pages` pages
    /// (default [`DEFAULT_MAX_PAGES`]).
    pub fn max_pages(mut self, max_pages: u32) -> Self {
        self.max_pages = max_pages.max(1);
        self
    }

    /// Every page's answer, in order.
    pub fn pages(self) -> impl Stream<Item = Result<R::Output>> + Send {
        let first = self.request.page().unwrap_or(R::FIRST_PAGE);
        // Starting past the first page, the pages skipped count towards the reported total.
        let skipped = first.saturating_sub(R::FIRST_PAGE).max(0);
        let seen = skipped.saturating_mul(self.request.page_size().unwrap_or(0));
        let state = Walk {
            client: self.client,
            request: self.request,
            next: Some(first),
            first,
            pages: 0,
            max_pages: self.max_pages,
            seen,
            previous: None,
        };
        stream::unfold(state, Walk::step)
    }

    /// Every item of every page, in order.
    pub fn items(self) -> impl Stream<Item = Result<R::Item>> + Send {
        self.pages()
            .map_ok(|page| stream::iter(R::into_items(page).into_iter().map(Ok)))
            .try_flatten()
    }
}

/// Where a walk through the pages is.
struct Walk<R: Paginated> {
    client: R::Client,
    request: R,
    /// The page to ask for next; `None` once the walk is over.
    next: Option<i64>,
    first: i64,
    pages: u32,
    max_pages: u32,
    /// Items seen so far.
    seen: i64,
    /// The previous page's first and last items and length, to notice a repeated page.
    previous: Option<(usize, R::Item, R::Item)>,
}

impl<R: Paginated> Walk<R> {
    async fn step(mut self) -> Option<(Result<R::Output>, Self)> {
        let page = self.next.take()?;
        if self.pages >= self.max_pages {
            return Some((Err(self.error(page, format!(
                "stopped after {} pages, the most this paginator asks for (`max_pages`); the server still reported more",
                self.pages
            ))), self));
        }
        let mut request = self.request.clone();
        request.set_page(page);
        let output = match R::fetch(&self.client, request).await {
            Ok(output) => output,
            Err(e) => return Some((Err(e), self)),
        };
        self.pages += 1;
        match self.next_page(page, &output) {
            Ok(next) => {
                self.next = next;
                Some((Ok(output), self))
            }
            Err(e) => Some((Err(e), self)),
        }
    }

    /// Decides from a page's answer whether and which page comes next.
    fn next_page(&mut self, page: i64, output: &R::Output) -> Result<Option<i64>> {
        let items = R::items(output);
        let count = items.len();
        let total = R::total(output);
        if count == 0 {
            // An empty page ends the walk; one after a total that was not reached is an error.
            return match total {
                Some(total) if self.seen < total && page != self.first => Err(self.error(
                    page,
                    format!(
                        "the server reported {total} items in all, but page {page} is empty after {}",
                        self.seen
                    ),
                )),
                _ => Ok(None),
            };
        }
        let shape = (count, items[0].clone(), items[count - 1].clone());
        if self.previous.as_ref() == Some(&shape) {
            return Err(self.error(
                page,
                format!("the server answered page {page} with the same items as the page before"),
            ));
        }
        self.previous = Some(shape);
        self.seen = self.seen.saturating_add(count as i64);
        let size = self.request.page_size();
        let more = match (R::has_more(output), total) {
            (Some(more), _) => more,
            // A page shorter than asked is the last, whatever the total says.
            _ if size.is_some_and(|size| (count as i64) < size) => false,
            (None, Some(total)) => self.seen < total,
            // A full page and nothing said: ask for the next (an empty one ends the walk).
            (None, None) => size.is_some(),
        };
        Ok(more.then(|| page.saturating_add(1)))
    }

    fn error(&self, page: i64, reason: String) -> Error {
        Error::Pagination {
            operation: R::OPERATION,
            page,
            reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use futures_util::StreamExt;

    use super::*;

    /// The page and page size a request asked for.
    type Asked = (i64, Option<i64>);

    /// A server scripted in memory: the answers it gives, and the pages it was asked for.
    #[derive(Clone, Default)]
    struct Script {
        answers: Arc<Mutex<Vec<Answer>>>,
        asked: Arc<Mutex<Vec<Asked>>>,
    }

    #[derive(Clone, Debug)]
    struct Answer {
        items: Vec<u32>,
        total: Option<i64>,
        more: Option<bool>,
    }

    #[derive(Clone)]
    struct List {
        page: Option<i64>,
        size: Option<i64>,
    }

    impl Paginated for List {
        type Client = Script;
        type Output = Answer;
        type Item = u32;
        const OPERATION: &'static str = "list";
        const FIRST_PAGE: i64 = 1;

        fn fetch(client: &Script, request: Self) -> PageFuture<Answer> {
            client
                .asked
                .lock()
                .unwrap()
                .push((request.page.unwrap(), request.size));
            let answer = client.answers.lock().unwrap().remove(0);
            Box::pin(async move { Ok(answer) })
        }
        fn page(&self) -> Option<i64> {
            self.page
        }
        fn set_page(&mut self, page: i64) {
            self.page = Some(page);
        }
        fn page_size(&self) -> Option<i64> {
            self.size
        }
        fn items(output: &Answer) -> &[u32] {
            &output.items
        }
        fn into_items(output: Answer) -> Vec<u32> {
            output.items
        }
        fn total(output: &Answer) -> Option<i64> {
            output.total
        }
        fn has_more(output: &Answer) -> Option<bool> {
            output.more
        }
    }

    fn answer(items: std::ops::Range<u32>, total: Option<i64>, more: Option<bool>) -> Answer {
        Answer {
            items: items.collect(),
            total,
            more,
        }
    }

    async fn walk(answers: Vec<Answer>, request: List) -> (Vec<Result<u32>>, Vec<Asked>) {
        let script = Script::default();
        *script.answers.lock().unwrap() = answers;
        let items = Paginator::new(script.clone(), request)
            .max_pages(20)
            .items()
            .collect::<Vec<_>>()
            .await;
        let asked = script.asked.lock().unwrap().clone();
        (items, asked)
    }

    fn sized(size: i64) -> List {
        List {
            page: None,
            size: Some(size),
        }
    }

    #[tokio::test]
    async fn a_short_last_page_ends_the_walk_without_an_extra_request() {
        let (items, asked) = walk(
            vec![answer(0..3, None, None), answer(3..5, None, None)],
            sized(3),
        )
        .await;
        assert_eq!(
            items.into_iter().map(Result::unwrap).collect::<Vec<_>>(),
            vec![0, 1, 2, 3, 4]
        );
        assert_eq!(asked, vec![(1, Some(3)), (2, Some(3))]);
    }

    #[tokio::test]
    async fn a_reached_total_ends_the_walk_even_on_a_full_page() {
        let (items, asked) = walk(
            vec![answer(0..3, Some(6), None), answer(3..6, Some(6), None)],
            sized(3),
        )
        .await;
        assert_eq!(items.len(), 6);
        assert_eq!(asked.len(), 2, "no request for a third page");
    }

    #[tokio::test]
    async fn has_more_false_ends_the_walk_and_true_goes_on() {
        let (items, asked) = walk(
            vec![
                answer(0..2, None, Some(true)),
                answer(2..3, None, Some(false)),
            ],
            sized(2),
        )
        .await;
        assert_eq!(items.len(), 3);
        assert_eq!(asked, vec![(1, Some(2)), (2, Some(2))]);
    }

    #[tokio::test]
    async fn an_empty_first_page_is_one_request_and_no_items() {
        let (items, asked) = walk(vec![answer(0..0, Some(0), None)], sized(10)).await;
        assert!(items.is_empty());
        assert_eq!(asked.len(), 1);
    }

    #[tokio::test]
    async fn without_a_size_or_a_total_one_page_is_everything() {
        let (items, asked) = walk(
            vec![answer(0..7, None, None)],
            List {
                page: None,
                size: None,
            },
        )
        .await;
        assert_eq!(items.len(), 7);
        assert_eq!(asked, vec![(1, None)]);
    }

    #[tokio::test]
    async fn the_callers_starting_page_is_kept() {
        let request = List {
            page: Some(4),
            size: Some(2),
        };
        let (_, asked) = walk(
            vec![answer(0..2, Some(9), None), answer(2..3, Some(9), None)],
            request,
        )
        .await;
        assert_eq!(asked[0], (4, Some(2)));
        assert_eq!(asked[1], (5, Some(2)));
    }

    #[tokio::test]
    async fn a_repeated_page_is_an_error_not_a_loop() {
        let (items, asked) = walk(
            vec![answer(0..3, None, None), answer(0..3, None, None)],
            sized(3),
        )
        .await;
        let error = items.last().unwrap().as_ref().unwrap_err().to_string();
        assert!(error.contains("same items as the page before"), "{error}");
        assert_eq!(asked.len(), 2);
    }

    #[tokio::test]
    async fn a_total_never_reached_is_an_error() {
        let (items, _) = walk(
            vec![answer(0..3, Some(10), None), answer(3..3, Some(10), None)],
            sized(3),
        )
        .await;
        let error = items.last().unwrap().as_ref().unwrap_err().to_string();
        assert!(
            error.contains("reported 10 items in all, but page 2 is empty after 3"),
            "{error}"
        );
    }

    #[tokio::test]
    async fn a_server_that_never_stops_meets_the_page_bound() {
        let answers = (0..25)
            .map(|i| answer(i * 2..i * 2 + 2, None, Some(true)))
            .collect();
        let (items, asked) = walk(answers, sized(2)).await;
        assert_eq!(asked.len(), 20);
        let error = items.last().unwrap().as_ref().unwrap_err().to_string();
        assert!(error.contains("stopped after 20 pages"), "{error}");
    }
}
