//! The index's id lookups: a tiny multiplicative ("Fx", as in rustc) hash and
//! an open-addressing id table. Ids are trusted strings from our own store, so
//! HashDoS resistance is not needed and SipHash would dominate a ~20 ns check.

use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The hasher state.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // A byte loop, not `copy_from_slice`: no memcpy call for ≤ 7 bytes.
            let w = rest
                .iter()
                .rev()
                .fold(0u64, |w, b| (w << 8) | u64::from(*b));
            self.add(w);
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// `HashMap` with the Fx hasher.
pub(crate) type FxMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[inline]
fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.write_usize(s.len());
    // Never 0: 0 marks an empty bucket.
    h.finish() | 1
}

#[derive(Clone, Copy, Debug, Default)]
struct Bucket {
    /// The id's hash; 0 when the bucket is empty.
    hash: u64,
    /// The value.
    slot: u32,
    /// Index into `names`.
    name: u32,
}

/// Id string → slot: an open-addressing table (linear probing, at most half
/// full) probed with one precomputed hash and confirmed by one comparison.
#[derive(Clone, Debug)]
pub(crate) struct IdTable {
    buckets: Vec<Bucket>,
    names: Vec<Box<str>>,
}

impl Default for IdTable {
    fn default() -> Self {
        IdTable {
            buckets: vec![Bucket::default(); 8],
            names: Vec::new(),
        }
    }
}

impl IdTable {
    /// Records `id` at `slot` (the last insert of an id wins).
    pub(crate) fn insert(&mut self, id: &str, slot: u32) {
        if (self.names.len() + 1) * 2 > self.buckets.len() {
            self.grow();
        }
        let h = hash_str(id);
        let mask = self.buckets.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let b = &mut self.buckets[i];
            if b.hash == 0 {
                *b = Bucket {
                    hash: h,
                    slot,
                    name: self.names.len() as u32,
                };
                self.names.push(id.into());
                return;
            }
            if b.hash == h && *self.names[b.name as usize] == *id {
                b.slot = slot;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let mut bigger = vec![Bucket::default(); self.buckets.len() * 2];
        let mask = bigger.len() - 1;
        for b in self.buckets.iter().filter(|b| b.hash != 0) {
            let mut i = b.hash as usize & mask;
            while bigger[i].hash != 0 {
                i = (i + 1) & mask;
            }
            bigger[i] = *b;
        }
        self.buckets = bigger;
    }

    /// The slot of `id`.
    #[inline]
    pub(crate) fn get(&self, id: &str) -> Option<u32> {
        let h = hash_str(id);
        let mask = self.buckets.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let b = self.buckets[i];
            if b.hash == 0 {
                return None;
            }
            if b.hash == h && *self.names[b.name as usize] == *id {
                return Some(b.slot);
            }
            i = (i + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_table_finds_every_id_and_nothing_else() {
        let mut t = IdTable::default();
        for i in 0..10_000u32 {
            t.insert(&format!("id{i}"), i);
        }
        for i in 0..10_000u32 {
            assert_eq!(t.get(&format!("id{i}")), Some(i));
        }
        assert_eq!(t.get("id10000"), None);
        assert_eq!(t.get(""), None);
        t.insert("id5", 99);
        assert_eq!(t.get("id5"), Some(99));
    }

    #[test]
    fn probing_skips_buckets_of_other_ids() {
        // Two ids forced into neighbouring buckets with the same hash.
        let mut t = IdTable::default();
        t.insert("a", 1);
        let h = hash_str("a");
        let i = h as usize & (t.buckets.len() - 1);
        let j = (i + 1) & (t.buckets.len() - 1);
        t.names.push("b".into());
        t.buckets[j] = Bucket {
            hash: h,
            slot: 2,
            name: 1,
        };
        assert_eq!(t.get("a"), Some(1));
        // "b" hashes elsewhere, so it is not found through "a"'s chain …
        assert_eq!(t.get("b"), None);
        // … but an id with "a"'s hash and a different name is told apart.
        t.buckets[i].name = 1;
        assert_eq!(t.get("a"), None);
    }
}
