//! Greedy start and tabu search.
//!
//! The state keeps, per round, which room each atom sits in and, per room, the atoms, their size
//! and per mix key the count of each value; plus, per entity pair, how often the pair meets in the
//! plan. The cost has four parts: repeat cost, unmixed rooms, broken apart constraints (weighted
//! so high that any plan keeping them beats any plan that does not) and Σ size². Moving an atom
//! changes only the pairs it forms with the members of its old and new room, so a swap or move is
//! evaluated in O(k) without touching the state (or, when units are kept apart and one entity may
//! occur in several atoms, by applying and undoing it, still O(k)).

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::clock::Deadline;
use crate::cost::{SIZE_WEIGHT, SPREAD_WEIGHT, flex, q};
use crate::problem::Problem;
use crate::{DEFAULT_MAX_ITERATIONS, Error, Limits, StopReason};

/// Weight of one broken apart constraint.
const HARD_WEIGHT: f64 = 1e6;
/// Float tolerance for cost comparisons.
const EPS: f64 = 1e-9;
/// Swap/move evaluations per iteration (bounds the work on large rounds).
const EVAL_BUDGET: usize = 3000;
/// Tabu tenure (iterations), drawn per move.
const TENURE: std::ops::RangeInclusive<u64> = 2..=6;
/// Iterations without a new best plan before the search perturbs the best plan.
const STALL_LIMIT: u64 = 2000;
/// Most random swaps in one perturbation (the number grows with failed perturbations).
const PERTURB_MAX: usize = 3;
/// Node limit of one exact round rebuild.
const REBUILD_NODES: u64 = 20_000;
/// Most gain-table entries (atoms × rooms, summed over rounds): 16 Mi entries, 128 MiB. Larger
/// problems (thousands of participants in rooms of two over many rounds) evaluate moves without
/// the table, in O(k) instead of O(1), rather than allocate gigabytes.
const MAX_GAIN_ENTRIES: usize = 1 << 24;
/// Free participants a greedy in a hurry looks at to find one not kept apart from the room.
const HURRY_LOOKAHEAD: usize = 64;
/// Rebuild nodes between two looks at the clock.
const NODES_PER_CLOCK: u64 = 256;
/// Marks an atom that is not (yet) in a room.
const NOWHERE: u32 = u32::MAX;

/// The search result in index form: per round, per room, participant indices.
pub(crate) struct Outcome {
    pub rounds: Vec<Vec<Vec<u32>>>,
    pub iterations: u64,
    pub stop: StopReason,
}

/// A swap (`other` is `Some`) or a move of `atom` to `dest`.
#[derive(Clone, Copy)]
struct Move {
    round: u32,
    atom: u32,
    other: Option<u32>,
    dest: u32,
}

struct State<'p> {
    p: &'p Problem,
    n_ent: usize,
    cnt: Vec<u16>,
    room_of: Vec<Vec<u32>>,
    pos: Vec<Vec<u32>>,
    rooms: Vec<Vec<Vec<u32>>>,
    size: Vec<Vec<u32>>,
    /// Per round and room: the mix values present, as (value index, members with it). Sparse,
    /// as a room holds a few values only: a dense counter per value and room would take rounds ·
    /// rooms · values (gigabytes for thousands of participants mixed by a key of as many values).
    mixc: Vec<Vec<Vec<(u32, u16)>>>,
    distinct: Vec<Vec<Vec<u16>>>,
    pinned: Vec<Vec<bool>>,
    /// Gain table (only when every atom is one entity): per round, `atom * rooms + room` →
    /// Σ over the room's other atoms x of q(hc(atom, x) − [room is the atom's room]), i.e. the
    /// repeat cost the atom adds by joining the room, or saves by leaving its own.
    gain: Vec<Vec<f64>>,
    rep: f64,
    pure: i64,
    /// Σ over rooms and mix keys of the values beyond two (see [`SPREAD_WEIGHT`]).
    spread: i64,
    viol: i64,
    sumsq: i64,
    s0: i64,
}

impl<'p> State<'p> {
    fn new(p: &'p Problem) -> Self {
        let na = p.atoms.len();
        let nk = p.mix_vals.len();
        let mut pinned = Vec::with_capacity(p.layouts.len());
        for layout in &p.layouts {
            let mut pin = vec![false; na];
            for &(a, _) in &layout.pinned {
                pin[a as usize] = true;
            }
            pinned.push(pin);
        }
        Self {
            p,
            n_ent: p.n_ent,
            cnt: vec![0; p.n_ent * p.n_ent],
            room_of: p.layouts.iter().map(|_| vec![NOWHERE; na]).collect(),
            pos: p.layouts.iter().map(|_| vec![0; na]).collect(),
            rooms: p
                .layouts
                .iter()
                .map(|l| vec![Vec::new(); l.rooms.len()])
                .collect(),
            size: p.layouts.iter().map(|l| vec![0; l.rooms.len()]).collect(),
            mixc: p
                .layouts
                .iter()
                .map(|l| vec![Vec::new(); l.rooms.len()])
                .collect(),
            distinct: p
                .layouts
                .iter()
                .map(|l| vec![vec![0; nk]; l.rooms.len()])
                .collect(),
            pinned,
            gain: Vec::new(),
            rep: 0.0,
            pure: 0,
            spread: 0,
            viol: 0,
            sumsq: 0,
            s0: p.layouts.iter().map(|l| l.s0).sum(),
        }
    }

    fn total(&self) -> f64 {
        self.rep
            + self.p.mix_weight * self.pure as f64
            + SPREAD_WEIGHT * self.spread as f64
            + HARD_WEIGHT * self.viol as f64
            + SIZE_WEIGHT * (self.sumsq - self.s0) as f64
    }

    /// Weighted past meetings plus meetings in the plan of an entity pair.
    #[inline]
    fn hc(&self, e: u32, f: u32) -> f64 {
        self.hci(e as usize * self.n_ent + f as usize)
    }

    /// [`Self::hc`] by the index `e · n_ent + f` into the pair tables. Computed from the
    /// problem's history table and the plan's counts rather than kept as a third table of n²
    /// floats: with thousands of participants that table was hundreds of megabytes, and
    /// allocating and filling it a good part of the time limit.
    #[inline]
    fn hci(&self, i: usize) -> f64 {
        self.p.hist_w[i] + f64::from(self.cnt[i])
    }

    /// The presence part of one meeting of entities `e` and `f` ([`crate::cost::FLEX_WEIGHT`]).
    #[inline]
    fn fx(&self, e: usize, f: usize) -> f64 {
        flex(&self.p.basics, e as u32, f as u32)
    }

    /// Adds (`up`) or removes one meeting of every entity pair between atoms `a` and `x`.
    fn pair_meet(&mut self, a: u32, x: u32, up: bool) {
        let p = self.p;
        for &e in &p.atoms[a as usize].entities {
            for &f in &p.atoms[x as usize].entities {
                if e != f {
                    self.meet(e, f, up);
                }
            }
        }
    }

    fn meet(&mut self, e: u32, f: u32, up: bool) {
        let (i, j) = (
            e as usize * self.n_ent + f as usize,
            f as usize * self.n_ent + e as usize,
        );
        let h = self.p.hist_w[i];
        let fx = self.fx(e as usize, f as usize);
        if up {
            self.rep += q(h + f64::from(self.cnt[i])) + fx;
            self.cnt[i] += 1;
            self.cnt[j] += 1;
        } else {
            self.cnt[i] -= 1;
            self.cnt[j] -= 1;
            self.rep -= q(h + f64::from(self.cnt[i])) + fx;
        }
    }

    fn pure_count(&self, r: usize, room: usize) -> i64 {
        if self.size[r][room] == 0 {
            return 0;
        }
        self.distinct[r][room].iter().filter(|&&d| d == 1).count() as i64
    }

    fn spread_count(&self, r: usize, room: usize) -> i64 {
        self.distinct[r][room]
            .iter()
            .map(|&d| i64::from(d.saturating_sub(2)))
            .sum()
    }

    fn mix_change(&mut self, r: usize, room: usize, a: u32, up: bool) {
        let p = self.p;
        for &m in &p.atoms[a as usize].members {
            for (k, vals) in p.mix_vals.iter().enumerate() {
                let idx = (p.mix_off[k] + vals[m as usize] as usize) as u32;
                let counts = &mut self.mixc[r][room];
                let at = counts.iter().position(|&(i, _)| i == idx);
                match (up, at) {
                    (true, Some(at)) => counts[at].1 += 1,
                    (true, None) => {
                        counts.push((idx, 1));
                        self.distinct[r][room][k] += 1;
                    }
                    (false, Some(at)) => {
                        counts[at].1 -= 1;
                        if counts[at].1 == 0 {
                            counts.swap_remove(at);
                            self.distinct[r][room][k] -= 1;
                        }
                    }
                    (false, None) => {}
                }
            }
        }
    }

    fn insert(&mut self, r: usize, a: u32, room: u32) {
        let ri = room as usize;
        for i in 0..self.rooms[r][ri].len() {
            let x = self.rooms[r][ri][i];
            self.pair_meet(a, x, true);
        }
        for &z in &self.p.apart[a as usize] {
            if self.room_of[r][z as usize] == room {
                self.viol += 1;
            }
        }
        let before = self.pure_count(r, ri);
        let spread_before = self.spread_count(r, ri);
        self.mix_change(r, ri, a, true);
        self.spread += self.spread_count(r, ri) - spread_before;
        let s = i64::from(self.size[r][ri]);
        let sa = i64::from(self.p.atoms[a as usize].size);
        self.sumsq += (s + sa) * (s + sa) - s * s;
        self.size[r][ri] += self.p.atoms[a as usize].size;
        self.pure += self.pure_count(r, ri) - before;
        self.room_of[r][a as usize] = room;
        self.pos[r][a as usize] = self.rooms[r][ri].len() as u32;
        self.rooms[r][ri].push(a);
    }

    fn remove(&mut self, r: usize, a: u32) {
        let room = self.room_of[r][a as usize];
        let ri = room as usize;
        let at = self.pos[r][a as usize] as usize;
        self.rooms[r][ri].swap_remove(at);
        if let Some(&moved) = self.rooms[r][ri].get(at) {
            self.pos[r][moved as usize] = at as u32;
        }
        self.room_of[r][a as usize] = NOWHERE;
        for i in 0..self.rooms[r][ri].len() {
            let x = self.rooms[r][ri][i];
            self.pair_meet(a, x, false);
        }
        for &z in &self.p.apart[a as usize] {
            if self.room_of[r][z as usize] == room {
                self.viol -= 1;
            }
        }
        let before = self.pure_count(r, ri);
        let spread_before = self.spread_count(r, ri);
        self.mix_change(r, ri, a, false);
        self.spread += self.spread_count(r, ri) - spread_before;
        let s = i64::from(self.size[r][ri]);
        let sa = i64::from(self.p.atoms[a as usize].size);
        self.sumsq += (s - sa) * (s - sa) - s * s;
        self.size[r][ri] -= self.p.atoms[a as usize].size;
        self.pure += self.pure_count(r, ri) - before;
    }

    fn apply(&mut self, m: Move) {
        let r = m.round as usize;
        let from = self.room_of[r][m.atom as usize];
        self.remove(r, m.atom);
        if let Some(b) = m.other {
            self.remove(r, b);
            self.insert(r, b, from);
        }
        self.insert(r, m.atom, m.dest);
        if !self.gain.is_empty() {
            self.refresh_gain(m, from);
        }
    }

    /// One gain-table entry, computed from scratch.
    fn gain_entry(&self, r: usize, y: u32, room: u32, ent: &[u32]) -> f64 {
        let n = self.n_ent;
        let e = ent[y as usize] as usize;
        let ey = e * n;
        let own = f64::from(u8::from(self.room_of[r][y as usize] == room));
        self.rooms[r][room as usize]
            .iter()
            .filter(|&&x| x != y)
            .map(|&x| {
                let f = ent[x as usize] as usize;
                q(self.hci(ey + f) - own) + self.fx(e, f)
            })
            .sum()
    }

    /// Builds the gain table from scratch (single-entity atoms only). Leaves it empty (moves
    /// are then evaluated without it) when it would exceed [`MAX_GAIN_ENTRIES`] or when the
    /// deadline passes while it is built.
    fn build_gain(&mut self, deadline: Deadline) {
        self.gain = Vec::new();
        let Some(ent) = &self.p.single_ent else {
            return;
        };
        let na = self.p.atoms.len();
        let entries: usize = self.rooms.iter().map(|r| na.saturating_mul(r.len())).sum();
        if entries > MAX_GAIN_ENTRIES {
            return;
        }
        let mut gain = Vec::with_capacity(self.rooms.len());
        for r in 0..self.rooms.len() {
            if deadline.passed() {
                return;
            }
            let nr = self.rooms[r].len();
            let mut g = vec![0.0; na * nr];
            for y in 0..na {
                for room in 0..nr {
                    g[y * nr + room] = self.gain_entry(r, y as u32, room as u32, ent);
                }
            }
            gain.push(g);
        }
        self.gain = gain;
    }

    /// Updates the gain table after `m` moved atoms between rooms `from` and `m.dest`.
    fn refresh_gain(&mut self, m: Move, from: u32) {
        let p = self.p;
        let Some(ent) = &p.single_ent else {
            return;
        };
        let r = m.round as usize;
        let n = self.n_ent;
        let na = p.atoms.len();
        // Pairs whose count changed: (u, v, +1 / -1).
        let mut changed: Vec<(u32, u32, f64)> = Vec::with_capacity(16);
        let (a, dest) = (m.atom, m.dest);
        for &x in &self.rooms[r][from as usize] {
            if Some(x) != m.other {
                changed.push((a, x, -1.0));
            }
        }
        for &y in &self.rooms[r][dest as usize] {
            if y != a {
                changed.push((a, y, 1.0));
            }
        }
        if let Some(b) = m.other {
            for &y in &self.rooms[r][dest as usize] {
                if y != a {
                    changed.push((b, y, -1.0));
                }
            }
            for &x in &self.rooms[r][from as usize] {
                if x != b {
                    changed.push((b, x, 1.0));
                }
            }
        }
        for r2 in 0..self.rooms.len() {
            if r2 == r {
                continue;
            }
            let nr = self.rooms[r2].len();
            for &(u, v, dir) in &changed {
                let new = self.hci(ent[u as usize] as usize * n + ent[v as usize] as usize);
                let old = new - dir;
                let (ru, rv) = (self.room_of[r2][u as usize], self.room_of[r2][v as usize]);
                let own = f64::from(u8::from(ru == rv));
                let diff = q(new - own) - q(old - own);
                self.gain[r2][u as usize * nr + rv as usize] += diff;
                self.gain[r2][v as usize * nr + ru as usize] += diff;
            }
        }
        let nr = self.rooms[r].len();
        for y in 0..na as u32 {
            for room in [from, dest] {
                let v = self.gain_entry(r, y, room, ent);
                self.gain[r][y as usize * nr + room as usize] = v;
            }
        }
        for y in std::iter::once(a).chain(m.other) {
            for room in 0..nr as u32 {
                let v = self.gain_entry(r, y, room, ent);
                self.gain[r][y as usize * nr + room as usize] = v;
            }
        }
    }

    fn undo(&mut self, m: Move, from: u32) {
        let r = m.round as usize;
        self.remove(r, m.atom);
        if let Some(b) = m.other {
            self.remove(r, b);
            self.insert(r, b, m.dest);
        }
        self.insert(r, m.atom, from);
    }

    /// Whether the move keeps both rooms within their size bounds.
    fn fits(&self, m: Move) -> bool {
        let r = m.round as usize;
        let from = self.room_of[r][m.atom as usize] as usize;
        let dest = m.dest as usize;
        let sa = self.p.atoms[m.atom as usize].size;
        let sb = m.other.map_or(0, |b| self.p.atoms[b as usize].size);
        if sa == sb {
            return true;
        }
        let specs = &self.p.layouts[r].rooms;
        let new_from = self.size[r][from] + sb - sa;
        let new_dest = self.size[r][dest] + sa - sb;
        (specs[from].lo..=specs[from].hi).contains(&new_from)
            && (specs[dest].lo..=specs[dest].hi).contains(&new_dest)
    }

    /// Cost change of a move that [`Self::fits`].
    fn delta(&mut self, m: Move) -> f64 {
        if self.p.multi {
            let before = self.total();
            let from = self.room_of[m.round as usize][m.atom as usize];
            self.apply(m);
            let after = self.total();
            self.undo(m, from);
            return after - before;
        }
        let r = m.round as usize;
        let a = m.atom;
        let from = self.room_of[r][a as usize];
        let (fi, di) = (from as usize, m.dest as usize);
        let p = self.p;
        let mut d = 0.0;
        if let (false, Some(ent)) = (self.gain.is_empty(), &p.single_ent) {
            let nr = self.rooms[r].len();
            let g = &self.gain[r];
            let n = self.n_ent;
            let ea = ent[a as usize] as usize * n;
            d += g[a as usize * nr + di] - g[a as usize * nr + fi];
            if let Some(b) = m.other {
                let eb = ent[b as usize] as usize;
                let hab = q(self.hci(ea + eb)) + self.fx(ent[a as usize] as usize, eb);
                d += g[b as usize * nr + fi] - g[b as usize * nr + di] - 2.0 * hab;
            }
        } else if let Some(ent) = &p.single_ent {
            let n = self.n_ent;
            let ea = ent[a as usize] as usize;
            let e = ea * n;
            let eb = m.other.map(|b| ent[b as usize] as usize);
            for &x in &self.rooms[r][fi] {
                if x != a {
                    let f = ent[x as usize] as usize;
                    d -= q(self.hci(e + f) - 1.0) + self.fx(ea, f);
                    if let Some(eb) = eb {
                        d += q(self.hci(eb * n + f)) + self.fx(eb, f);
                    }
                }
            }
            for &y in &self.rooms[r][di] {
                if Some(y) != m.other {
                    let f = ent[y as usize] as usize;
                    d += q(self.hci(e + f)) + self.fx(ea, f);
                    if let Some(eb) = eb {
                        d -= q(self.hci(eb * n + f) - 1.0) + self.fx(eb, f);
                    }
                }
            }
        } else {
            self.delta_pairs(r, fi, di, a, m.other, &mut d);
        }
        // Apart constraints.
        let mut viol = 0i64;
        for &z in &p.apart[a as usize] {
            if Some(z) == m.other {
                continue;
            }
            let rz = self.room_of[r][z as usize];
            viol += i64::from(rz == m.dest) - i64::from(rz == from);
        }
        if let Some(b) = m.other {
            for &z in &p.apart[b as usize] {
                if z == a {
                    continue;
                }
                let rz = self.room_of[r][z as usize];
                viol += i64::from(rz == from) - i64::from(rz == m.dest);
            }
        }
        d += HARD_WEIGHT * viol as f64;
        // Mixing and sizes.
        let sa = p.atoms[a as usize].size;
        let sb = m.other.map_or(0, |b| p.atoms[b as usize].size);
        if !p.mix_vals.is_empty() && (sa != 1 || sb != 1 || self.mix_differs(a, m.other)) {
            let before = self.pure_count(r, fi) + self.pure_count(r, di);
            let spread_before = self.spread_count(r, fi) + self.spread_count(r, di);
            self.mix_swap(r, fi, di, a, m.other, sa, sb);
            let after = self.pure_count(r, fi) + self.pure_count(r, di);
            let spread_after = self.spread_count(r, fi) + self.spread_count(r, di);
            self.mix_swap(r, di, fi, a, m.other, sa, sb);
            d += p.mix_weight * (after - before) as f64
                + SPREAD_WEIGHT * (spread_after - spread_before) as f64;
        }
        if sa != sb {
            let (f0, d0) = (i64::from(self.size[r][fi]), i64::from(self.size[r][di]));
            let diff = i64::from(sa) - i64::from(sb);
            let f1 = f0 - diff;
            let d1 = d0 + diff;
            d += SIZE_WEIGHT * (f1 * f1 + d1 * d1 - f0 * f0 - d0 * d0) as f64;
        }
        d
    }

    /// Repeat-cost change of a move, general case (atoms with several entities).
    fn delta_pairs(&self, r: usize, fi: usize, di: usize, a: u32, other: Option<u32>, d: &mut f64) {
        let p = self.p;
        let m_other = other;
        let ea = &p.atoms[a as usize].entities;
        for &x in &self.rooms[r][fi] {
            if x == a {
                continue;
            }
            for &f in &p.atoms[x as usize].entities {
                for &e in ea {
                    *d -= q(self.hc(e, f) - 1.0) + self.fx(e as usize, f as usize);
                }
                if let Some(b) = m_other {
                    for &g in &p.atoms[b as usize].entities {
                        *d += q(self.hc(g, f)) + self.fx(g as usize, f as usize);
                    }
                }
            }
        }
        for &y in &self.rooms[r][di] {
            if Some(y) == m_other {
                continue;
            }
            for &f in &p.atoms[y as usize].entities {
                for &e in ea {
                    *d += q(self.hc(e, f)) + self.fx(e as usize, f as usize);
                }
                if let Some(b) = m_other {
                    for &g in &p.atoms[b as usize].entities {
                        *d -= q(self.hc(g, f) - 1.0) + self.fx(g as usize, f as usize);
                    }
                }
            }
        }
    }

    /// Whether two single-member atoms differ in some mix value (else a swap cannot change mixing).
    fn mix_differs(&self, a: u32, b: Option<u32>) -> bool {
        let Some(b) = b else { return true };
        let (ma, mb) = (
            self.p.atoms[a as usize].members[0] as usize,
            self.p.atoms[b as usize].members[0] as usize,
        );
        self.p.mix_vals.iter().any(|v| v[ma] != v[mb])
    }

    /// Moves the mix counters of `a` from room `fi` to `di` and those of `b` the other way
    /// (only counters and sizes; calling it again with rooms and sizes exchanged undoes it).
    #[allow(clippy::too_many_arguments)]
    fn mix_swap(
        &mut self,
        r: usize,
        fi: usize,
        di: usize,
        a: u32,
        b: Option<u32>,
        sa: u32,
        sb: u32,
    ) {
        self.mix_change(r, fi, a, false);
        self.mix_change(r, di, a, true);
        if let Some(b) = b {
            self.mix_change(r, di, b, false);
            self.mix_change(r, fi, b, true);
        }
        self.size[r][fi] = self.size[r][fi] + sb - sa;
        self.size[r][di] = self.size[r][di] + sa - sb;
    }

    /// Whether atom `a` takes part in some cost in round `r`.
    fn conflicting(&self, r: usize, a: u32) -> bool {
        let room = self.room_of[r][a as usize];
        let ri = room as usize;
        let p = self.p;
        for &x in &self.rooms[r][ri] {
            if x == a {
                continue;
            }
            for &e in &p.atoms[a as usize].entities {
                for &f in &p.atoms[x as usize].entities {
                    if e == f || self.hc(e, f) - 1.0 > EPS {
                        return true;
                    }
                }
            }
        }
        if self.pure_count(r, ri) > 0 {
            return true;
        }
        p.apart[a as usize]
            .iter()
            .any(|&z| self.room_of[r][z as usize] == room)
    }

    /// Cost of putting atom `a` into `room` during the greedy start.
    fn add_cost(&self, r: usize, a: u32, room: usize) -> f64 {
        let p = self.p;
        let mut d = 0.0;
        for &x in &self.rooms[r][room] {
            for &e in &p.atoms[a as usize].entities {
                for &f in &p.atoms[x as usize].entities {
                    d += if e == f {
                        HARD_WEIGHT
                    } else {
                        q(self.hc(e, f)) + self.fx(e as usize, f as usize)
                    };
                }
            }
        }
        for &z in &p.apart[a as usize] {
            if self.room_of[r][z as usize] == room as u32 {
                d += HARD_WEIGHT;
            }
        }
        if self.size[r][room] > 0 {
            let m = p.atoms[a as usize].members[0] as usize;
            for (k, vals) in p.mix_vals.iter().enumerate() {
                let idx = (p.mix_off[k] + vals[m] as usize) as u32;
                if self.distinct[r][room][k] == 1
                    && self.mixc[r][room].iter().any(|&(i, _)| i == idx)
                {
                    d += 0.5 * p.mix_weight;
                }
            }
        }
        d
    }

    /// Bitset per atom of the atoms it should not meet (met before, same entity, or apart).
    /// Incomplete when the deadline passes while they are computed (they only guide the greedy,
    /// which is then in a hurry and does not look at them).
    fn blocked_sets(&self, words: usize, deadline: Deadline) -> Vec<Vec<u64>> {
        let p = self.p;
        let na = p.atoms.len();
        let mut sets = vec![vec![0u64; words]; na];
        for a in 0..na {
            if a % 256 == 255 && deadline.passed() {
                break;
            }
            for y in a + 1..na {
                let mut blocked = false;
                'outer: for &e in &p.atoms[a].entities {
                    for &f in &p.atoms[y].entities {
                        if e == f || self.hc(e, f) > EPS {
                            blocked = true;
                            break 'outer;
                        }
                    }
                }
                if blocked {
                    sets[a][y / 64] |= 1 << (y % 64);
                    sets[y][a / 64] |= 1 << (a % 64);
                }
            }
            for &z in &p.apart[a] {
                let z = z as usize;
                sets[a][z / 64] |= 1 << (z % 64);
            }
        }
        sets
    }

    /// Fills round `r` greedily: pinned atoms, then multi-member atoms, then single members room
    /// by room, each time the candidate of least added cost and, among those, the one that keeps
    /// the room's *freedom* (unplaced atoms it may still take without a repeat) largest.
    ///
    /// Once the deadline has passed, the round is completed in a hurry: groups and units go to
    /// the emptiest room without a partner they are kept apart from, each room takes the next
    /// free participants not kept apart from it. The round is then valid (sizes within bounds,
    /// apart pairs kept where that is easy) but not chosen for repeats or mixing; the search has
    /// no time left to improve it anyway.
    fn greedy_round(
        &mut self,
        r: usize,
        rng: &mut ChaCha8Rng,
        deadline: Deadline,
    ) -> Result<(), Error> {
        let p = self.p;
        let layout = &p.layouts[r];
        let na = p.atoms.len();
        for &(a, room) in &layout.pinned {
            self.insert(r, a, room);
        }
        let nrooms = layout.rooms.len();
        let mut bigs: Vec<u32> = (0..na as u32)
            .filter(|&a| !self.pinned[r][a as usize] && p.atoms[a as usize].size > 1)
            .collect();
        bigs.sort_by_key(|&a| std::cmp::Reverse(p.atoms[a as usize].size));
        let mut hurry = deadline.passed();
        for (i, a) in bigs.into_iter().enumerate() {
            if i % 64 == 63 && !hurry {
                hurry = deadline.passed();
            }
            let sa = p.atoms[a as usize].size;
            let pick = |this: &Self, cap: &dyn Fn(usize) -> u32| {
                let mut best: Option<(f64, u32, usize)> = None;
                for room in 0..nrooms {
                    if this.size[r][room] + sa > cap(room) {
                        continue;
                    }
                    // In a hurry only the hard part of the cost: apart pairs in the room.
                    let cost = if hurry {
                        p.apart[a as usize]
                            .iter()
                            .filter(|&&z| this.room_of[r][z as usize] == room as u32)
                            .count() as f64
                    } else {
                        this.add_cost(r, a, room)
                    };
                    let key = (cost, this.size[r][room]);
                    if best
                        .is_none_or(|(c, s, _)| key.0 < c - EPS || (key.0 <= c + EPS && key.1 < s))
                    {
                        best = Some((key.0, key.1, room));
                    }
                }
                best.map(|(_, _, room)| room)
            };
            let room = pick(self, &|room| layout.rooms[room].target)
                .or_else(|| pick(self, &|room| layout.rooms[room].hi));
            let Some(room) = room else {
                return Err(Error::Infeasible {
                    constraint: format!(
                        "the group or unit of {:?}",
                        p.ids[p.atoms[a as usize].members[0] as usize]
                    ),
                    reason: format!("its {sa} members fit into no room of this round"),
                });
            };
            self.insert(r, a, room as u32);
        }
        let words = na.div_ceil(64);
        hurry = hurry || deadline.passed();
        // Not needed in a hurry (the freedom is not looked at).
        let blocked = if hurry {
            vec![vec![0u64; words]; na]
        } else {
            self.blocked_sets(words, deadline)
        };
        let mut free = vec![0u64; words];
        for a in 0..na {
            if self.room_of[r][a] == NOWHERE {
                free[a / 64] |= 1 << (a % 64);
            }
        }
        let freedom = |free: &[u64], room_block: &[u64], a: usize| -> u32 {
            free.iter()
                .zip(room_block)
                .zip(&blocked[a])
                .map(|((f, rb), b)| (f & !rb & !b).count_ones())
                .sum()
        };
        // In a hurry: free single atoms from `cursor` on (atoms placed stay placed).
        let mut cursor = 0usize;
        for room in 0..nrooms {
            hurry = hurry || deadline.passed();
            if hurry {
                while self.size[r][room] < layout.rooms[room].target {
                    while cursor < na
                        && (free[cursor / 64] & (1 << (cursor % 64)) == 0
                            || p.atoms[cursor].size != 1)
                    {
                        cursor += 1;
                    }
                    if cursor == na {
                        break;
                    }
                    // Among the next few free ones, the first kept apart from nobody in the
                    // room (apart pairs are hard; the search may have no time to repair them).
                    let clash = |a: usize| {
                        p.apart[a]
                            .iter()
                            .any(|&z| self.room_of[r][z as usize] == room as u32)
                    };
                    let pick = (cursor..na)
                        .filter(|&a| free[a / 64] & (1 << (a % 64)) != 0 && p.atoms[a].size == 1)
                        .take(HURRY_LOOKAHEAD)
                        .find(|&a| !clash(a))
                        .unwrap_or(cursor);
                    free[pick / 64] &= !(1 << (pick % 64));
                    self.insert(r, pick as u32, room as u32);
                }
                continue;
            }
            let mut room_block = vec![0u64; words];
            for &x in &self.rooms[r][room] {
                for (w, b) in room_block.iter_mut().zip(&blocked[x as usize]) {
                    *w |= b;
                }
            }
            while self.size[r][room] < layout.rooms[room].target {
                let mut best: Option<(f64, i64, u32)> = None;
                let mut ties = 0u32;
                let empty = self.rooms[r][room].is_empty();
                for a in 0..na {
                    if free[a / 64] & (1 << (a % 64)) == 0 || p.atoms[a].size != 1 {
                        continue;
                    }
                    let cost = if empty {
                        0.0
                    } else {
                        self.add_cost(r, a as u32, room)
                    };
                    let fr = i64::from(freedom(&free, &room_block, a));
                    // First member: the least free (most constrained); later: keep freedom.
                    let fkey = if empty { fr } else { -fr };
                    let better = match best {
                        None => {
                            ties = 1;
                            true
                        }
                        Some((c, f, _)) => {
                            if cost < c - EPS || (cost <= c + EPS && fkey < f) {
                                ties = 1;
                                true
                            } else if cost <= c + EPS && fkey == f {
                                ties += 1;
                                rng.random_range(0..ties) == 0
                            } else {
                                false
                            }
                        }
                    };
                    if better {
                        best = Some((cost, fkey, a as u32));
                    }
                }
                let Some((_, _, a)) = best else { break };
                free[a as usize / 64] &= !(1 << (a % 64));
                for (w, b) in room_block.iter_mut().zip(&blocked[a as usize]) {
                    *w |= b;
                }
                self.insert(r, a, room as u32);
            }
        }
        // Leftovers (targets could not be met exactly), then rooms below their minimum.
        for a in 0..na as u32 {
            if self.room_of[r][a as usize] != NOWHERE {
                continue;
            }
            let sa = p.atoms[a as usize].size;
            let mut best: Option<(f64, usize)> = None;
            for room in 0..nrooms {
                if self.size[r][room] + sa <= layout.rooms[room].hi {
                    let c = self.add_cost(r, a, room);
                    if best.is_none_or(|(bc, _)| c < bc - EPS) {
                        best = Some((c, room));
                    }
                }
            }
            let Some((_, room)) = best else {
                return Err(Error::Infeasible {
                    constraint: "room sizes".to_owned(),
                    reason: format!(
                        "{:?} fits into no room of round {} (units or groups too large for rooms of {} to {})",
                        p.ids[p.atoms[a as usize].members[0] as usize],
                        r + 1,
                        layout.rooms.iter().map(|s| s.lo).min().unwrap_or(0),
                        layout.rooms.iter().map(|s| s.hi).max().unwrap_or(0),
                    ),
                });
            };
            self.insert(r, a, room as u32);
        }
        for room in 0..nrooms {
            while self.size[r][room] < layout.rooms[room].lo {
                let mut found = None;
                'find: for other in 0..nrooms {
                    for &x in &self.rooms[r][other] {
                        let sx = p.atoms[x as usize].size;
                        if other != room
                            && !self.pinned[r][x as usize]
                            && self.size[r][other] >= layout.rooms[other].lo + sx
                            && self.size[r][room] + sx <= layout.rooms[room].hi
                        {
                            found = Some(x);
                            break 'find;
                        }
                    }
                }
                let Some(x) = found else {
                    return Err(Error::Infeasible {
                        constraint: "room sizes".to_owned(),
                        reason: format!(
                            "room {} of round {} cannot reach {} participants with these units and groups",
                            room + 1,
                            r + 1,
                            layout.rooms[room].lo
                        ),
                    });
                };
                self.remove(r, x);
                self.insert(r, x, room as u32);
            }
        }
        if hurry {
            self.repair_apart(r);
        }
        Ok(())
    }

    /// After a greedy in a hurry: swaps each atom of round `r` that shares a room with one it
    /// is kept apart from with an atom of the same size in another room where neither clashes
    /// (a swap of equal sizes keeps the room sizes). Apart pairs are hard constraints, and the
    /// search may have no time left to repair them.
    fn repair_apart(&mut self, r: usize) {
        let p = self.p;
        // Whether atom `a` has a partner it is kept apart from in `room`, besides `except`.
        let clashes = |this: &Self, a: usize, room: u32, except: usize| {
            p.apart[a]
                .iter()
                .any(|&z| z as usize != except && this.room_of[r][z as usize] == room)
        };
        for a in 0..p.atoms.len() {
            let ra = self.room_of[r][a];
            if self.pinned[r][a] || !clashes(self, a, ra, usize::MAX) {
                continue;
            }
            let mut found = None;
            'search: for o in 0..self.rooms[r].len() as u32 {
                if o == ra {
                    continue;
                }
                for &x in &self.rooms[r][o as usize] {
                    let x = x as usize;
                    if !self.pinned[r][x]
                        && p.atoms[x].size == p.atoms[a].size
                        && !clashes(self, a, o, x)
                        && !clashes(self, x, ra, a)
                    {
                        found = Some((x as u32, o));
                        break 'search;
                    }
                }
            }
            if let Some((x, o)) = found {
                self.remove(r, a as u32);
                self.remove(r, x);
                self.insert(r, x, ra);
                self.insert(r, a as u32, o);
            }
        }
    }

    fn snapshot(&self) -> Vec<Vec<u32>> {
        self.room_of.clone()
    }

    /// Replaces the state by the assignment `snap` (costs recomputed from scratch). The tables
    /// are reset in place, not allocated anew: with thousands of participants the pair tables
    /// are large, and a second copy would double the memory.
    fn load(&mut self, snap: &[Vec<u32>], deadline: Deadline) {
        self.cnt.fill(0);
        for r in 0..self.rooms.len() {
            self.room_of[r].fill(NOWHERE);
            self.pos[r].fill(0);
            self.rooms[r].iter_mut().for_each(Vec::clear);
            self.size[r].fill(0);
            self.mixc[r].iter_mut().for_each(Vec::clear);
            self.distinct[r].iter_mut().for_each(|c| c.fill(0));
        }
        self.gain = Vec::new();
        (self.rep, self.pure, self.spread, self.viol, self.sumsq) = (0.0, 0, 0, 0, 0);
        for (r, rooms) in snap.iter().enumerate() {
            for (a, &room) in rooms.iter().enumerate() {
                self.insert(r, a as u32, room);
            }
        }
        self.build_gain(deadline);
    }

    fn movable(&self, r: usize, a: u32) -> bool {
        !self.pinned[r][a as usize]
    }
}

/// Runs greedy start and tabu search.
///
/// The deadline is looked at throughout: between rounds and inside the start constructions
/// (which then complete their round in a hurry), in the exact rebuilds (every
/// [`NODES_PER_CLOCK`] nodes), while the gain table is built, and in the search loop (every
/// iteration on large problems, every 16 on small ones), so that the search returns soon after
/// it, with the best plan found so far.
pub(crate) fn solve(
    p: &Problem,
    seed: u64,
    limits: Limits,
    deadline: Deadline,
) -> Result<Outcome, Error> {
    if let Some(shape) = crate::sgp::shape(p) {
        return Ok(crate::sgp::solve(p, shape, seed, limits, deadline));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut st = State::new(p);
    let rounds = p.layouts.len();
    for r in 0..rounds {
        if !(st.rebuildable(r)
            && !deadline.passed()
            && st.rebuild_round(r, &mut rng, REBUILD_NODES, deadline))
        {
            st.greedy_round(r, &mut rng, deadline)?;
        }
    }
    st.build_gain(deadline);
    // Whether the clock has cut anything short (a start plan completed in a hurry, an exact
    // rebuild or a gain table given up): the plan then depends on the machine and its load, and
    // the stop reason says so, whatever else ends the search.
    let mut cut = deadline.passed();
    let lb = p.mix_weight * p.layouts.iter().map(|l| l.mix_lb).sum::<i64>() as f64;
    let max_iter = match limits {
        Limits {
            max_iterations: Some(m),
            ..
        } => m,
        Limits {
            time_limit: Some(_),
            ..
        } => u64::MAX,
        _ => DEFAULT_MAX_ITERATIONS,
    };
    let na = p.atoms.len();
    let movable: Vec<(u32, u32)> = (0..rounds as u32)
        .flat_map(|r| (0..na as u32).map(move |a| (r, a)))
        .filter(|&(r, a)| st.movable(r as usize, a))
        .collect();
    let mut best = st.snapshot();
    let mut best_cost = st.total();
    // Tabu: per round, per atom pair (a swap may not be undone), or per atom (moves, big rounds).
    let pair_tabu = na * na * rounds <= 1 << 20;
    let mut tabu = vec![vec![0u64; if pair_tabu { na * na } else { na }]; rounds];
    let tkey = |a: u32, b: Option<u32>| -> usize {
        match (pair_tabu, b) {
            (true, Some(b)) => a.min(b) as usize * na + a.max(b) as usize,
            (true, None) => a as usize * na + a as usize,
            (false, _) => a as usize,
        }
    };
    let mut iter = 0u64;
    let mut stall = 0u64;
    let mut last_gain = 0u64;
    let mut level = 0usize;
    let stall_limit = STALL_LIMIT;
    let per_atom = p.layouts.iter().map(|_| na.max(1)).max().unwrap_or(1);
    let conflicts_per_iter = (EVAL_BUDGET / per_atom).max(2);
    let mut conf: Vec<(u32, u32)> = Vec::new();
    let stop = loop {
        if best_cost <= lb + EPS || movable.is_empty() {
            break StopReason::Optimal;
        }
        if iter >= max_iter {
            break StopReason::IterationLimit;
        }
        if limits.max_stall.is_some_and(|m| iter - last_gain >= m) {
            break StopReason::Stalled;
        }
        // An iteration looks at every movable atom; on large problems it takes long enough
        // that the clock is read every time.
        if (movable.len() >= 1024 || iter.is_multiple_of(16)) && deadline.passed() {
            break StopReason::TimeLimit;
        }
        iter += 1;
        conf.clear();
        conf.extend(
            movable
                .iter()
                .copied()
                .filter(|&(r, a)| st.conflicting(r as usize, a)),
        );
        if conf.is_empty() {
            conf.extend_from_slice(&movable);
        }
        let take = conf.len().min(conflicts_per_iter);
        let (chosen, _) = conf.partial_shuffle(&mut rng, take);
        let cur = st.total();
        let mut pick: Option<(f64, Move)> = None;
        let mut ties = 0u32;
        for &(r, a) in chosen.iter() {
            let ru = r as usize;
            let from = st.room_of[ru][a as usize];
            for dest in 0..p.layouts[ru].rooms.len() as u32 {
                if dest == from {
                    continue;
                }
                let n_in = st.rooms[ru][dest as usize].len();
                for i in 0..=n_in {
                    let other = if i < n_in {
                        let b = st.rooms[ru][dest as usize][i];
                        if !st.movable(ru, b) {
                            continue;
                        }
                        Some(b)
                    } else {
                        None
                    };
                    let m = Move {
                        round: r,
                        atom: a,
                        other,
                        dest,
                    };
                    if !st.fits(m) {
                        continue;
                    }
                    let d = st.delta(m);
                    let is_tabu = tabu[ru][tkey(a, other)] > iter
                        || (!pair_tabu && other.is_some_and(|b| tabu[ru][b as usize] > iter));
                    if is_tabu && cur + d >= best_cost - EPS {
                        continue;
                    }
                    match pick {
                        Some((bd, _)) if d > bd + EPS => {}
                        Some((bd, _)) if d >= bd - EPS => {
                            ties += 1;
                            if rng.random_range(0..=ties) == 0 {
                                pick = Some((d, m));
                            }
                        }
                        _ => {
                            ties = 0;
                            pick = Some((d, m));
                        }
                    }
                }
            }
        }
        if let Some((_, m)) = pick {
            st.apply(m);
            let tenure = rng.random_range(TENURE);
            tabu[m.round as usize][tkey(m.atom, m.other)] = iter + tenure;
            if let (false, Some(b)) = (pair_tabu, m.other) {
                tabu[m.round as usize][b as usize] = iter + tenure;
            }
        } else {
            stall = stall.max(stall_limit);
        }
        let now = st.total();
        if now < best_cost - EPS {
            best = st.snapshot();
            best_cost = now;
            last_gain = iter;
            stall = 0;
            level = 0;
        } else {
            stall += 1;
        }
        if stall >= stall_limit {
            // First try to rebuild a round of the best plan without repeats; else perturb:
            // back to the best plan, then a few random swaps.
            st.load(&best, deadline);
            let mut order: Vec<usize> = (0..rounds).filter(|&r| st.rebuildable(r)).collect();
            order.shuffle(&mut rng);
            let mut rebuilt = false;
            for r in order {
                if deadline.passed() {
                    break;
                }
                if (0..na as u32).any(|a| st.conflicting(r, a))
                    && st.rebuild_round(r, &mut rng, REBUILD_NODES, deadline)
                {
                    rebuilt = true;
                    break;
                }
            }
            cut |= deadline.passed();
            if rebuilt {
                best = st.snapshot();
                best_cost = st.total();
                last_gain = iter;
                stall = 0;
                level = 0;
                continue;
            }
            level = (level + 1).min(movable.len());
            for _ in 0..level.min(PERTURB_MAX) + 1 {
                random_swap(&mut st, &movable, &mut rng);
            }
            for t in &mut tabu {
                t.fill(0);
            }
            stall = 0;
        }
    };
    let stop = if cut { StopReason::TimeLimit } else { stop };
    // The rooms are read off the best assignment directly (no reload of the state: the time
    // limit may already be up).
    if let Some(err) = broken_apart(p, &best) {
        return Err(err);
    }
    let rounds_out = best
        .iter()
        .enumerate()
        .map(|(r, room_of)| {
            let mut rooms: Vec<Vec<u32>> = vec![Vec::new(); p.layouts[r].rooms.len()];
            for (a, &room) in room_of.iter().enumerate() {
                rooms[room as usize].extend_from_slice(&p.atoms[a].members);
            }
            rooms.iter_mut().for_each(|m| m.sort_unstable());
            rooms
        })
        .collect();
    Ok(Outcome {
        rounds: rounds_out,
        iterations: iter,
        stop,
    })
}

/// Depth-first search for a round without any repeat (an exact *rebuild* of one round given
/// all others): rooms are filled one by one, each starting with the participant that has the
/// fewest compatible partners left, extended by compatible partners only.
struct Rebuild<'a> {
    compat: &'a [Vec<u64>],
    sizes: &'a [u32],
    taken: Vec<u64>,
    groups: Vec<Vec<u32>>,
    nodes: u64,
    limit: u64,
    deadline: Deadline,
}

impl Rebuild<'_> {
    fn is_taken(&self, a: usize) -> bool {
        self.taken[a / 64] & (1 << (a % 64)) != 0
    }

    fn flip(&mut self, a: usize) {
        self.taken[a / 64] ^= 1 << (a % 64);
    }

    fn fill(&mut self, room: usize) -> bool {
        if room == self.sizes.len() {
            return true;
        }
        let n = self.compat.len();
        let mut pick: Option<(u32, usize)> = None;
        for a in 0..n {
            if self.is_taken(a) {
                continue;
            }
            let free: u32 = self.compat[a]
                .iter()
                .zip(&self.taken)
                .map(|(c, t)| (c & !t).count_ones())
                .sum();
            if pick.is_none_or(|(f, _)| free < f) {
                pick = Some((free, a));
            }
        }
        let Some((_, u)) = pick else { return false };
        self.flip(u);
        self.groups.push(vec![u as u32]);
        let cand: Vec<u64> = self.compat[u]
            .iter()
            .zip(&self.taken)
            .map(|(c, t)| c & !t)
            .collect();
        if self.extend(room, &cand) {
            return true;
        }
        self.groups.pop();
        self.flip(u);
        false
    }

    fn extend(&mut self, room: usize, cand: &[u64]) -> bool {
        self.nodes += 1;
        if self.nodes > self.limit {
            return false;
        }
        if self.nodes.is_multiple_of(NODES_PER_CLOCK) && self.deadline.passed() {
            // Out of time: give up as if the node limit were reached.
            self.nodes = self.limit + 1;
            return false;
        }
        let len = self.groups.last().map_or(0, Vec::len);
        if len as u32 == self.sizes[room] {
            return self.fill(room + 1);
        }
        for (w, &word) in cand.iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                let v = w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                // Only larger partners after v (each set is tried once).
                let next: Vec<u64> = cand
                    .iter()
                    .zip(&self.compat[v])
                    .enumerate()
                    .map(|(i, (c, d))| {
                        let above = match i.cmp(&(v / 64)) {
                            std::cmp::Ordering::Less => 0,
                            std::cmp::Ordering::Equal => {
                                if v % 64 == 63 {
                                    0
                                } else {
                                    !0u64 << (v % 64 + 1)
                                }
                            }
                            std::cmp::Ordering::Greater => !0,
                        };
                        c & d & above
                    })
                    .collect();
                self.flip(v);
                if let Some(g) = self.groups.last_mut() {
                    g.push(v as u32);
                }
                if self.extend(room, &next) {
                    return true;
                }
                if let Some(g) = self.groups.last_mut() {
                    g.pop();
                }
                self.flip(v);
                if self.nodes > self.limit {
                    return false;
                }
            }
        }
        false
    }
}

impl State<'_> {
    /// Whether round `r` can be rebuilt by [`Rebuild`]: single-member atoms, nothing pinned.
    fn rebuildable(&self, r: usize) -> bool {
        self.p.single_ent.is_some()
            && self.p.layouts[r].pinned.is_empty()
            && self.p.atoms.iter().all(|a| a.size == 1)
    }

    /// Tries to replace round `r` by one without repeats (given the other rounds); keeps the
    /// result only if the total cost drops. Returns whether it did.
    fn rebuild_round(
        &mut self,
        r: usize,
        rng: &mut ChaCha8Rng,
        limit: u64,
        deadline: Deadline,
    ) -> bool {
        let p = self.p;
        let na = p.atoms.len();
        let words = na.div_ceil(64);
        // Random relabelling diversifies the search.
        let mut label: Vec<u32> = (0..na as u32).collect();
        label.shuffle(rng);
        let placed = self.room_of[r].iter().all(|&x| x != NOWHERE);
        let mut compat = vec![vec![0u64; words]; na];
        for a in 0..na {
            if a % 256 == 255 && deadline.passed() {
                return false;
            }
            for x in a + 1..na {
                let together = placed && self.room_of[r][a] == self.room_of[r][x];
                let mut ok = !p.apart[a].contains(&(x as u32));
                for &e in &p.atoms[a].entities {
                    for &f in &p.atoms[x].entities {
                        let h = self.hc(e, f) - f64::from(u8::from(together));
                        ok &= e != f && h <= EPS;
                    }
                }
                if ok {
                    let (la, lx) = (label[a] as usize, label[x] as usize);
                    compat[la][lx / 64] |= 1 << (lx % 64);
                    compat[lx][la / 64] |= 1 << (la % 64);
                }
            }
        }
        let sizes: Vec<u32> = p.layouts[r].rooms.iter().map(|s| s.target).collect();
        let mut search = Rebuild {
            compat: &compat,
            sizes: &sizes,
            taken: vec![0; words],
            groups: Vec::new(),
            nodes: 0,
            limit,
            deadline,
        };
        if !search.fill(0) {
            return false;
        }
        let groups = search.groups;
        let before = self.total();
        let old: Vec<u32> = self.room_of[r].clone();
        self.assign_round(r, deadline, |a| {
            let l = label[a as usize];
            groups
                .iter()
                .position(|g| g.contains(&l))
                .map_or(0, |i| i as u32)
        });
        if placed && self.total() >= before - EPS {
            self.assign_round(r, deadline, |a| old[a as usize]);
            return false;
        }
        true
    }

    /// Puts every atom of round `r` into the room `room(atom)`.
    fn assign_round(&mut self, r: usize, deadline: Deadline, room: impl Fn(u32) -> u32) {
        let na = self.p.atoms.len() as u32;
        for a in 0..na {
            if self.room_of[r][a as usize] != NOWHERE {
                self.remove(r, a);
            }
        }
        for a in 0..na {
            self.insert(r, a, room(a));
        }
        if !self.gain.is_empty() {
            self.build_gain(deadline);
        }
    }
}

fn random_swap(st: &mut State<'_>, movable: &[(u32, u32)], rng: &mut ChaCha8Rng) {
    for _ in 0..8 {
        let (r, a) = movable[rng.random_range(0..movable.len())];
        let (b_r, b) = movable[rng.random_range(0..movable.len())];
        if b_r != r {
            continue;
        }
        let ru = r as usize;
        let (ra, rb) = (st.room_of[ru][a as usize], st.room_of[ru][b as usize]);
        if ra == rb {
            continue;
        }
        let m = Move {
            round: r,
            atom: a,
            other: Some(b),
            dest: rb,
        };
        if st.fits(m) {
            st.apply(m);
            return;
        }
    }
}

/// The first apart constraint that the assignment `room_of` (per round, per atom) breaks.
fn broken_apart(p: &Problem, room_of: &[Vec<u32>]) -> Option<Error> {
    for (r, room_of) in room_of.iter().enumerate() {
        for (a, adj) in p.apart.iter().enumerate() {
            for &z in adj {
                if room_of[a] == room_of[z as usize] {
                    let name = |x: usize| p.ids[p.atoms[x].members[0] as usize].clone();
                    return Some(Error::Infeasible {
                        constraint: format!(
                            "apart constraint between {:?} and {:?}",
                            name(a),
                            name(z as usize)
                        ),
                        reason: format!(
                            "no arrangement of round {} keeping all apart pairs apart was found within the search limits",
                            r + 1
                        ),
                    });
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::{MixKey, Participant, PastRound, Request};

    /// The O(k) delta equals the difference of totals after applying the move.
    #[test]
    fn fast_delta_matches_applied_difference() {
        let people: Vec<Participant> = (0..14)
            .map(|i| Participant {
                cohort: Some((i % 3).to_string()),
                ..Participant::new(format!("p{i}"))
            })
            .collect();
        let mut req = Request::new(people, 3);
        req.rounds = 3;
        req.mix = vec![MixKey::Cohort];
        req.apart = vec![("p0".into(), "p1".into()), ("p2".into(), "p5".into())];
        req.together = vec![vec!["p3".into(), "p4".into()]];
        req.history = vec![PastRound {
            days_ago: 14,
            rooms: vec![vec!["p0".into(), "p2".into(), "p6".into()]],
        }];
        let p = Problem::compile(&req).unwrap();
        let mut st = State::new(&p);
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for r in 0..3 {
            st.greedy_round(r, &mut rng, Deadline::NONE).unwrap();
        }
        let na = p.atoms.len() as u32;
        let mut checked = 0;
        for _ in 0..2000 {
            let r = rng.random_range(0..3u32);
            let a = rng.random_range(0..na);
            let dest = rng.random_range(0..p.layouts[r as usize].rooms.len() as u32);
            let from = st.room_of[r as usize][a as usize];
            if dest == from {
                continue;
            }
            let in_dest = &st.rooms[r as usize][dest as usize];
            let other = if rng.random_bool(0.7) && !in_dest.is_empty() {
                Some(in_dest[rng.random_range(0..in_dest.len())])
            } else {
                None
            };
            let m = Move {
                round: r,
                atom: a,
                other,
                dest,
            };
            if !st.fits(m) {
                continue;
            }
            let before = st.total();
            let d = st.delta(m);
            assert!(
                (st.total() - before).abs() < 1e-9,
                "delta must not change the state"
            );
            st.apply(m);
            let after = st.total();
            assert!(
                (after - before - d).abs() < 1e-6,
                "delta {d} vs {}",
                after - before
            );
            checked += 1;
        }
        assert!(checked > 500);
    }

    /// With single-entity atoms the gain table is used; it stays equal to a fresh rebuild.
    #[test]
    fn gain_table_stays_exact() {
        let people: Vec<Participant> = (0..13).map(|i| Participant::new(format!("p{i}"))).collect();
        let mut req = Request::new(people, 3);
        req.rounds = 3;
        req.history = vec![PastRound {
            days_ago: 30,
            rooms: vec![vec!["p0".into(), "p2".into(), "p6".into()]],
        }];
        let p = Problem::compile(&req).unwrap();
        assert!(p.single_ent.is_some());
        let mut st = State::new(&p);
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        for r in 0..3 {
            st.greedy_round(r, &mut rng, Deadline::NONE).unwrap();
        }
        st.build_gain(Deadline::NONE);
        let na = p.atoms.len() as u32;
        let mut checked = 0;
        for step in 0..3000 {
            let r = rng.random_range(0..3u32);
            let a = rng.random_range(0..na);
            let dest = rng.random_range(0..p.layouts[r as usize].rooms.len() as u32);
            if dest == st.room_of[r as usize][a as usize] {
                continue;
            }
            let in_dest = &st.rooms[r as usize][dest as usize];
            let other = (rng.random_bool(0.8) && !in_dest.is_empty())
                .then(|| in_dest[rng.random_range(0..in_dest.len())]);
            let m = Move {
                round: r,
                atom: a,
                other,
                dest,
            };
            if !st.fits(m) {
                continue;
            }
            let before = st.total();
            let d = st.delta(m);
            st.apply(m);
            assert!((st.total() - before - d).abs() < 1e-6, "step {step}");
            checked += 1;
            if step % 97 == 0 {
                let kept = st.gain.clone();
                st.build_gain(Deadline::NONE);
                for (x, y) in kept.iter().flatten().zip(st.gain.iter().flatten()) {
                    assert!((x - y).abs() < 1e-6, "gain drifted at step {step}");
                }
            }
        }
        assert!(checked > 500);
    }
}
