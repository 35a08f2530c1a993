//! Which of many spans overlap a query span, without scanning them all.
//!
//! Stages that ask "does anything found so far overlap this?" once per token or per mention
//! are quadratic when answered by a scan; on a 1 MB article with tens of thousands of
//! mentions that is minutes. [`SpanIndex`] answers in O(log n + k) for spans that nest or
//! overlap little (names, tokens, time expressions): the spans sorted by start, with the
//! running maximum of their ends, so a walk back from the last span starting before the
//! query's end stops as soon as no earlier span can reach the query.

use crate::analysis::Span;

/// Spans with a payload each (an index into the caller's list), sorted for overlap queries.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    items: Vec<(Span, usize)>,
    /// `max_end[j]`: the largest end among `items[..=j]`.
    max_end: Vec<usize>,
}

impl SpanIndex {
    /// Index `(span, payload)` pairs given in any order.
    pub fn new(items: impl IntoIterator<Item = (Span, usize)>) -> SpanIndex {
        let mut items: Vec<(Span, usize)> = items.into_iter().collect();
        items.sort_by_key(|&(s, p)| (s.start, s.end, p));
        let mut max_end = Vec::with_capacity(items.len());
        let mut m = 0;
        for (s, _) in &items {
            m = m.max(s.end);
            max_end.push(m);
        }
        SpanIndex { items, max_end }
    }

    /// The payloads of the spans that share at least one byte with `q`, latest start first.
    pub fn overlapping(&self, q: Span) -> impl Iterator<Item = (Span, usize)> + '_ {
        let p = self.items.partition_point(|(s, _)| s.start < q.end);
        (0..p)
            .rev()
            .take_while(move |&j| self.max_end[j] > q.start)
            .map(move |j| self.items[j])
            .filter(move |(s, _)| s.end > q.start && s.start < q.end)
    }

    /// Does any indexed span share a byte with `q`?
    pub fn any_overlap(&self, q: Span) -> bool {
        self.overlapping(q).next().is_some()
    }
}

/// The items of `sorted` (in order of `start`) whose start lies in `from..to`: two binary
/// searches, for stages that ask "what starts inside this span?" once per sentence or event.
pub fn starting_in<T>(sorted: &[T], start: impl Fn(&T) -> usize, from: usize, to: usize) -> &[T] {
    let lo = sorted.partition_point(|x| start(x) < from);
    let hi = sorted.partition_point(|x| start(x) < to).max(lo);
    &sorted[lo..hi]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index agrees with a plain scan on every query over a set of nested, touching and
    /// disjoint spans.
    #[test]
    fn agrees_with_a_scan() {
        let spans = [(0, 4), (2, 3), (4, 9), (5, 6), (10, 30), (12, 14), (29, 31), (40, 41), (3, 12)];
        let idx = SpanIndex::new(spans.iter().enumerate().map(|(i, &(a, b))| (Span::new(a, b), i)));
        for a in 0..45 {
            for b in a + 1..46 {
                let q = Span::new(a, b);
                let mut want: Vec<usize> =
                    spans.iter().enumerate().filter(|&(_, &(s, e))| s < q.end && q.start < e).map(|(i, _)| i).collect();
                let mut got: Vec<usize> = idx.overlapping(q).map(|(_, p)| p).collect();
                want.sort_unstable();
                got.sort_unstable();
                assert_eq!(got, want, "query {a}..{b}");
                assert_eq!(idx.any_overlap(q), !want.is_empty());
            }
        }
    }

    #[test]
    fn starting_in_takes_the_items_that_start_inside() {
        let starts = [1, 3, 3, 7, 9];
        assert_eq!(starting_in(&starts, |&x| x, 3, 9), &[3, 3, 7]);
        assert_eq!(starting_in(&starts, |&x| x, 4, 7), &[] as &[usize]);
        assert_eq!(starting_in(&starts, |&x| x, 9, 3), &[] as &[usize]);
    }
}
