//! The one stable sort of the signer's lists (query pairs, signed headers, a request's headers).
//!
//! `slice::sort` is generic: each list type and comparison was its own copy of the standard
//! library's sort in the module (about 4 KiB each). This is a merge sort of indices, O(n log n)
//! on a very long query string too, written once: only the small permuting wrapper is generic.

use std::cmp::Ordering;

/// `items` sorted stably: items that `compare` finds equal keep their order.
pub(crate) fn stable_sort<T: Default>(
    mut items: Vec<T>,
    compare: &dyn Fn(&T, &T) -> Ordering,
) -> Vec<T> {
    let order = stable_order(items.len(), &|a, b| match (items.get(a), items.get(b)) {
        (Some(a), Some(b)) => compare(a, b) == Ordering::Greater,
        _ => false,
    });
    order
        .into_iter()
        .filter_map(|i| items.get_mut(i).map(std::mem::take))
        .collect()
}

/// The stable sorting order of `len` items, where `after(a, b)` says item `a` belongs after
/// item `b`: a bottom-up merge sort of the indices `0..len`.
fn stable_order(len: usize, after: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged: Vec<usize> = Vec::with_capacity(len);
    let mut width = 1;
    while width < len {
        merged.clear();
        for run in order.chunks(2 * width) {
            let (left, right) = run.split_at(width.min(run.len()));
            let (mut left, mut right) = (left.iter().peekable(), right.iter().peekable());
            while let (Some(&&a), Some(&&b)) = (left.peek(), right.peek()) {
                // The left item goes first unless the right one is strictly less: stable.
                if after(a, b) {
                    merged.push(b);
                    right.next();
                } else {
                    merged.push(a);
                    left.next();
                }
            }
            merged.extend(left);
            merged.extend(right);
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::stable_sort;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // Every length up to 40 and many shapes: keys collide, so stability is tested too.
        let mut seed = 7_u32;
        for len in 0..40 {
            for _ in 0..20 {
                let items: Vec<(u32, usize)> = (0..len)
                    .map(|i| {
                        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                        ((seed >> 16) % 5, i)
                    })
                    .collect();
                let mut expected = items.clone();
                expected.sort_by_key(|a| a.0);
                assert_eq!(stable_sort(items, &|a, b| a.0.cmp(&b.0)), expected);
            }
        }
    }
}
