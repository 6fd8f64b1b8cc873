//! Validation of a [`Request`] and its compilation into index-based data for the search.
//!
//! Participants become indices, units become *entities* (between which encounters are counted),
//! participants that must share a room become *atoms* (the smallest movable blocks), and each
//! round gets a *layout*: its rooms with size bounds and the atoms pinned to them.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::cost::recency_weight;
use crate::{
    Error, MAX_ABSENT, MAX_APART_PAIRS, MAX_HISTORY_DAYS, MAX_HISTORY_ROOM_SIZE,
    MAX_HISTORY_ROUNDS, MAX_HISTORY_SEATS, MAX_MIX_KEYS, MAX_PARTICIPANTS, MAX_ROOM_SIZE,
    MAX_ROUNDS, MAX_SEATED_IDS, MAX_TOGETHER_IDS, MIN_ROOM_SIZE, MixKey, Request, UnitPolicy,
};

/// Index-level facts shared by [`Problem::compile`] and [`crate::score`].
pub(crate) struct Basics {
    /// Participant id → participant index.
    pub index: HashMap<String, u32>,
    /// Ids that are known but absent tonight.
    pub absent: HashSet<String>,
    /// Participant index → entity index.
    pub entity_of: Vec<u32>,
    /// Number of entities.
    pub n_ent: usize,
    /// Recency-weighted past meetings per entity pair (`n_ent²`, symmetric).
    pub hist_w: Vec<f64>,
    /// Unweighted past meetings per entity pair `(e, f)`, `e < f`, at `e · n_ent + f` (only
    /// this upper triangle is kept: half the random writes while the history is read).
    pub hist_n: Vec<u32>,
    /// Per entity: the share of past rounds it took part in (0 without history). See
    /// [`crate::cost::FLEX_WEIGHT`].
    pub presence: Vec<f64>,
    /// Per mix key: the value index of each participant.
    pub mix_vals: Vec<Vec<u32>>,
    /// Per mix key: the number of distinct values.
    pub mix_nvals: Vec<usize>,
    /// Entity pairs `(e, f)`, `e < f`, that together groups force into one room; their
    /// meetings are not encounters (they cost nothing and are not counted).
    pub forced: HashSet<(u32, u32)>,
}

impl Basics {
    pub(crate) fn new(req: &Request) -> Result<Self, Error> {
        check_bounds(req)?;
        let mut index = HashMap::with_capacity(req.participants.len());
        for (i, p) in req.participants.iter().enumerate() {
            if index.insert(p.id.clone(), i as u32).is_some() {
                return Err(Error::DuplicateId { id: p.id.clone() });
            }
        }
        let mut absent = HashSet::new();
        for id in &req.absent {
            if index.contains_key(id) || !absent.insert(id.clone()) {
                return Err(Error::DuplicateId { id: id.clone() });
            }
        }
        let mut units: HashMap<&str, u32> = HashMap::new();
        let mut n_ent = 0u32;
        let mut entity_of = Vec::with_capacity(req.participants.len());
        for p in &req.participants {
            let e = match &p.unit {
                Some(u) => *units.entry(u.as_str()).or_insert_with(|| {
                    n_ent += 1;
                    n_ent - 1
                }),
                None => {
                    n_ent += 1;
                    n_ent - 1
                }
            };
            entity_of.push(e);
        }
        let n_ent = n_ent as usize;
        let mut hist_w = vec![0.0; n_ent * n_ent];
        let mut hist_n = vec![0u32; n_ent * n_ent];
        let mut rounds_in = vec![0u32; n_ent];
        for (ri, round) in req.history.iter().enumerate() {
            let mut in_round: Vec<u32> = Vec::new();
            let w = recency_weight(round.days_ago);
            for (mi, room) in round.rooms.iter().enumerate() {
                let mut ents = Vec::with_capacity(room.len());
                for id in room {
                    if let Some(&p) = index.get(id) {
                        ents.push(entity_of[p as usize]);
                    } else if !absent.contains(id) {
                        return Err(Error::UnknownId {
                            id: id.clone(),
                            place: format!(
                                "history round {} ({} days ago), room {}",
                                ri + 1,
                                round.days_ago,
                                mi + 1
                            ),
                        });
                    }
                }
                ents.sort_unstable();
                ents.dedup();
                for (x, &e) in ents.iter().enumerate() {
                    for &f in &ents[x + 1..] {
                        let (e, f) = (e as usize, f as usize);
                        hist_w[e * n_ent + f] += w;
                        hist_w[f * n_ent + e] += w;
                        hist_n[e * n_ent + f] += 1;
                    }
                }
                in_round.extend_from_slice(&ents);
            }
            in_round.sort_unstable();
            in_round.dedup();
            for e in in_round {
                rounds_in[e as usize] += 1;
            }
        }
        let presence: Vec<f64> = if req.history.len() < crate::cost::FLEX_MIN_ROUNDS {
            vec![0.0; n_ent]
        } else {
            let total = req.history.len() as f64;
            rounds_in.iter().map(|&c| f64::from(c) / total).collect()
        };
        let mut mix_vals = Vec::with_capacity(req.mix.len());
        let mut mix_nvals = Vec::with_capacity(req.mix.len());
        for key in &req.mix {
            let mut values: HashMap<Option<&str>, u32> = HashMap::new();
            let mut vals = Vec::with_capacity(req.participants.len());
            for p in &req.participants {
                let v = match key {
                    MixKey::Cohort => p.cohort.as_deref(),
                    MixKey::Attr(name) => p.attrs.get(name).map(String::as_str),
                };
                let next = values.len() as u32;
                vals.push(*values.entry(v).or_insert(next));
            }
            mix_nvals.push(values.len());
            mix_vals.push(vals);
        }
        // Together groups (transitively) force their members' entities into one room.
        let mut uf = UnionFind((0..req.participants.len() as u32).collect());
        for group in &req.together {
            let members: Vec<u32> = group
                .iter()
                .filter_map(|id| index.get(id).copied())
                .collect();
            for w in members.windows(2) {
                uf.union(w[0], w[1]);
            }
        }
        let mut comps: HashMap<u32, Vec<u32>> = HashMap::new();
        for p in 0..req.participants.len() as u32 {
            let root = uf.find(p);
            comps.entry(root).or_default().push(entity_of[p as usize]);
        }
        let mut forced = HashSet::new();
        for mut ents in comps.into_values() {
            ents.sort_unstable();
            ents.dedup();
            for (i, &e) in ents.iter().enumerate() {
                for &f in &ents[i + 1..] {
                    forced.insert((e, f));
                }
            }
        }
        Ok(Self {
            forced,
            index,
            absent,
            entity_of,
            n_ent,
            hist_w,
            hist_n,
            presence,
            mix_vals,
            mix_nvals,
        })
    }

    /// Index of a participant named in a constraint; `Ok(None)` for an absent one.
    fn lookup(&self, id: &str, place: impl FnOnce() -> String) -> Result<Option<u32>, Error> {
        match self.index.get(id) {
            Some(&p) => Ok(Some(p)),
            None if self.absent.contains(id) => Ok(None),
            None => Err(Error::UnknownId {
                id: id.to_owned(),
                place: place(),
            }),
        }
    }
}

/// Checks the request against the crate's bounds (see `MAX_PARTICIPANTS` and the other
/// constants of the crate root). Runs first, before anything proportional to the request is
/// allocated; it only counts.
pub(crate) fn check_bounds(req: &Request) -> Result<(), Error> {
    let at_most = |what: &'static str, got: usize, limit: usize| {
        if got > limit {
            Err(Error::TooLarge { what, limit, got })
        } else {
            Ok(())
        }
    };
    if req.room_size < MIN_ROOM_SIZE {
        return Err(Error::RoomSizeTooSmall {
            room_size: req.room_size,
        });
    }
    if req.room_size > MAX_ROOM_SIZE {
        return Err(Error::RoomSizeTooLarge {
            room_size: req.room_size,
            max: MAX_ROOM_SIZE,
        });
    }
    if req.rounds == 0 {
        return Err(Error::NoRounds);
    }
    at_most("rounds", req.rounds, MAX_ROUNDS)?;
    at_most("participants", req.participants.len(), MAX_PARTICIPANTS)?;
    at_most("absent ids", req.absent.len(), MAX_ABSENT)?;
    at_most("history rounds", req.history.len(), MAX_HISTORY_ROUNDS)?;
    let mut seats = 0usize;
    for (ri, round) in req.history.iter().enumerate() {
        if round.days_ago > MAX_HISTORY_DAYS {
            return Err(Error::HistoryTooOld {
                round: ri + 1,
                days_ago: round.days_ago,
                max: MAX_HISTORY_DAYS,
            });
        }
        for room in &round.rooms {
            at_most("seats in a history room", room.len(), MAX_HISTORY_ROOM_SIZE)?;
            seats = seats.saturating_add(room.len());
        }
        // Checked per round, so that a huge history stops at the first round beyond the bound.
        at_most("history seats", seats, MAX_HISTORY_SEATS)?;
    }
    at_most("apart pairs", req.apart.len(), MAX_APART_PAIRS)?;
    let ids = |groups: &[Vec<String>]| {
        groups
            .iter()
            .fold(0usize, |acc, g| acc.saturating_add(g.len()))
    };
    at_most(
        "ids in together groups",
        ids(&req.together),
        MAX_TOGETHER_IDS,
    )?;
    at_most("ids in seated rooms", ids(&req.seated), MAX_SEATED_IDS)?;
    at_most("mix keys", req.mix.len(), MAX_MIX_KEYS)?;
    Ok(())
}

/// Participants that always share a room; the unit of movement in the search.
pub(crate) struct Atom {
    /// Participant indices, ascending.
    pub members: Vec<u32>,
    /// Their entities, ascending and without duplicates.
    pub entities: Vec<u32>,
    /// `members.len()`.
    pub size: u32,
}

/// Size bounds and greedy target of one room.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RoomSpec {
    pub lo: u32,
    pub hi: u32,
    pub target: u32,
}

/// The rooms of one round and the atoms pinned to them.
pub(crate) struct Layout {
    pub rooms: Vec<RoomSpec>,
    /// `(atom, room)` pairs that never move.
    pub pinned: Vec<(u32, u32)>,
    /// Least possible Σ size² for this many people and rooms.
    pub s0: i64,
    /// Lower bound on the rooms unmixed per key, summed over keys.
    pub mix_lb: i64,
}

/// A validated request in index form.
pub(crate) struct Problem {
    /// The index-level facts, kept for recounting the score of the plan (without `hist_w`,
    /// which moved to [`Problem::hist_w`]), so that the history is read once per call of
    /// [`crate::plan`].
    pub basics: Basics,
    pub ids: Vec<String>,
    pub n_ent: usize,
    pub hist_w: Vec<f64>,
    pub atoms: Vec<Atom>,
    pub mix_vals: Vec<Vec<u32>>,
    /// Offset of each key's values in the value indices of a room's mix counts.
    pub mix_off: Vec<usize>,
    /// Atom adjacency of apart constraints (deduplicated).
    pub apart: Vec<Vec<u32>>,
    pub layouts: Vec<Layout>,
    /// Some entity occurs in more than one atom (units kept apart).
    pub multi: bool,
    /// [`Request::mix_weight`](crate::Request::mix_weight).
    pub mix_weight: f64,
    /// When every atom has exactly one entity (and `multi` is false): the entity of each atom.
    pub single_ent: Option<Vec<u32>>,
}

struct UnionFind(Vec<u32>);

impl UnionFind {
    fn find(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            let up = self.0[self.0[x as usize] as usize];
            self.0[x as usize] = up;
            x = up;
        }
        x
    }
    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi as usize] = lo;
        }
    }
}

/// Room sizes for `n` people and target `k`: as even as possible and as close to `k` as possible.
pub(crate) fn even_sizes(n: usize, k: usize, force: bool) -> Result<Vec<u32>, Error> {
    let needed = if force { k } else { k.saturating_sub(1).max(2) };
    if n < needed {
        return Err(Error::TooFewParticipants { present: n, needed });
    }
    if force {
        if !n.is_multiple_of(k) {
            return Err(Error::ForcedSizeIndivisible {
                participants: n,
                room_size: k,
            });
        }
        return Ok(vec![k as u32; n / k]);
    }
    let mut best: Option<((usize, usize, usize, usize), usize)> = None;
    for r in 1..=n / 2 {
        let (q, rem) = (n / r, n % r);
        let big = q + usize::from(rem > 0);
        let dev = |s: usize| s.abs_diff(k);
        let max_dev = dev(q).max(dev(big));
        let sum_dev = (r - rem) * dev(q) + rem * dev(big);
        let at_k = if q == k { r - rem } else { 0 } + if big == k && rem > 0 { rem } else { 0 };
        let key = (max_dev, sum_dev, usize::MAX - at_k, usize::MAX - r);
        if best.is_none_or(|(b, _)| key < b) {
            best = Some((key, r));
        }
    }
    let r = best.map_or(1, |(_, r)| r);
    let (q, rem) = (n / r, n % r);
    Ok((0..r).map(|i| (q + usize::from(i < rem)) as u32).collect())
}

/// Least Σ size² for `n` people in `r` rooms.
pub(crate) fn least_sum_sq(n: usize, r: usize) -> i64 {
    if r == 0 {
        return 0;
    }
    let (q, rem) = ((n / r) as i64, (n % r) as i64);
    (r as i64 - rem) * q * q + rem * (q + 1) * (q + 1)
}

impl Problem {
    pub(crate) fn compile(req: &Request) -> Result<Self, Error> {
        let mut b = Basics::new(req)?;
        let hist_w = std::mem::take(&mut b.hist_w);
        let n = req.participants.len();
        let k = req.room_size;
        let ids: Vec<String> = req.participants.iter().map(|p| p.id.clone()).collect();

        // Atoms: together groups and (if kept together) units.
        let mut uf = UnionFind((0..n as u32).collect());
        let mut group_of: Vec<Option<usize>> = vec![None; n];
        for (gi, group) in req.together.iter().enumerate() {
            let mut first = None;
            for id in group {
                if let Some(p) = b.lookup(id, || format!("together group {}", gi + 1))? {
                    group_of[p as usize].get_or_insert(gi);
                    match first {
                        None => first = Some(p),
                        Some(f) => uf.union(f, p),
                    }
                }
            }
        }
        let mut by_unit: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for (i, p) in req.participants.iter().enumerate() {
            if let Some(u) = &p.unit {
                by_unit.entry(u.as_str()).or_default().push(i as u32);
            }
        }
        if req.units == UnitPolicy::Together {
            for members in by_unit.values() {
                for w in members.windows(2) {
                    uf.union(w[0], w[1]);
                }
            }
        }
        let mut atom_of = vec![u32::MAX; n];
        let mut atoms: Vec<Atom> = Vec::new();
        for p in 0..n as u32 {
            let root = uf.find(p) as usize;
            if atom_of[root] == u32::MAX {
                atom_of[root] = atoms.len() as u32;
                atoms.push(Atom {
                    members: Vec::new(),
                    entities: Vec::new(),
                    size: 0,
                });
            }
            let a = atom_of[root];
            atom_of[p as usize] = a;
            let atom = &mut atoms[a as usize];
            atom.members.push(p);
            atom.entities.push(b.entity_of[p as usize]);
            atom.size += 1;
        }
        for atom in &mut atoms {
            atom.entities.sort_unstable();
            atom.entities.dedup();
        }
        let why_together = |x: u32, y: u32| -> String {
            let (px, py) = (&req.participants[x as usize], &req.participants[y as usize]);
            match (
                &px.unit,
                &py.unit,
                group_of[x as usize],
                group_of[y as usize],
            ) {
                (Some(u), Some(v), _, _) if u == v && req.units == UnitPolicy::Together => {
                    format!("both belong to unit {u:?}, which is kept together")
                }
                (_, _, Some(g), Some(h)) if g == h => {
                    format!("both are in together group {}", g + 1)
                }
                _ => "together groups and units join them into one room".to_owned(),
            }
        };

        // Apart constraints.
        let mut apart: Vec<Vec<u32>> = vec![Vec::new(); atoms.len()];
        for (ai, (x, y)) in req.apart.iter().enumerate() {
            let place = || format!("apart pair {}", ai + 1);
            let (Some(px), Some(py)) = (b.lookup(x, place)?, b.lookup(y, place)?) else {
                continue;
            };
            let constraint = format!("apart pair ({x:?}, {y:?})");
            if px == py {
                return Err(Error::Contradiction {
                    constraint,
                    reason: "a participant cannot be kept apart from itself".to_owned(),
                });
            }
            let (ax, ay) = (atom_of[px as usize], atom_of[py as usize]);
            if ax == ay {
                return Err(Error::Contradiction {
                    constraint,
                    reason: why_together(px, py),
                });
            }
            apart[ax as usize].push(ay);
            apart[ay as usize].push(ax);
        }
        let mut multi = false;
        let mut apart_units: Vec<(&str, usize)> = Vec::new();
        if req.units == UnitPolicy::Apart {
            for (u, members) in &by_unit {
                if members.len() < 2 {
                    continue;
                }
                multi = true;
                apart_units.push((u, members.len()));
                for (i, &x) in members.iter().enumerate() {
                    for &y in &members[i + 1..] {
                        let (ax, ay) = (atom_of[x as usize], atom_of[y as usize]);
                        if ax == ay {
                            return Err(Error::Contradiction {
                                constraint: format!("unit {u:?} kept apart"),
                                reason: format!(
                                    "{:?} and {:?} must share a room: {}",
                                    ids[x as usize],
                                    ids[y as usize],
                                    why_together(x, y)
                                ),
                            });
                        }
                        apart[ax as usize].push(ay);
                        apart[ay as usize].push(ax);
                    }
                }
            }
        }
        for adj in &mut apart {
            adj.sort_unstable();
            adj.dedup();
        }

        // Layouts.
        let max_atom = atoms.iter().map(|a| a.size).max().unwrap_or(1);
        let sizes = even_sizes(n, k, req.force_size)?;
        let (mut lo, mut hi) = (
            sizes.iter().copied().min().unwrap_or(2),
            sizes.iter().copied().max().unwrap_or(2),
        );
        if max_atom > 1 && !req.force_size {
            lo = lo.min(k.saturating_sub(1).max(2) as u32);
            hi = hi.max(k as u32 + 1);
        }
        let biggest = |atoms: &[Atom]| {
            atoms
                .iter()
                .max_by_key(|a| a.size)
                .map(|a| ids[a.members[0] as usize].clone())
                .unwrap_or_default()
        };
        if max_atom > hi {
            return Err(Error::Infeasible {
                constraint: format!("the group or unit of {:?}", biggest(&atoms)),
                reason: format!("it has {max_atom} members but rooms hold at most {hi}"),
            });
        }
        let standard = Layout {
            rooms: sizes
                .iter()
                .map(|&t| RoomSpec { lo, hi, target: t })
                .collect(),
            pinned: Vec::new(),
            s0: least_sum_sq(n, sizes.len()),
            mix_lb: 0,
        };
        let mut first = None;
        if !req.seated.is_empty() {
            first = Some(seated_layout(req, &b, &atoms, &atom_of, &apart, max_atom)?);
        }
        let mut layouts = Vec::with_capacity(req.rounds);
        for r in 0..req.rounds {
            let layout = match (r, first.take()) {
                (0, Some(l)) => l,
                _ => Layout {
                    rooms: standard.rooms.clone(),
                    pinned: Vec::new(),
                    s0: standard.s0,
                    mix_lb: 0,
                },
            };
            layouts.push(layout);
        }
        for layout in &mut layouts {
            let rooms = layout.rooms.len();
            for &(u, m) in &apart_units {
                if m > rooms {
                    return Err(Error::Infeasible {
                        constraint: format!("unit {u:?} kept apart"),
                        reason: format!("it has {m} members but there are only {rooms} rooms"),
                    });
                }
            }
            layout.mix_lb = mix_lower_bound(&b, rooms);
        }
        let mut mix_off = Vec::with_capacity(b.mix_nvals.len());
        let mut mix_total = 0;
        for &nv in &b.mix_nvals {
            mix_off.push(mix_total);
            mix_total += nv;
        }
        let single_ent = (!multi && atoms.iter().all(|a| a.entities.len() == 1))
            .then(|| atoms.iter().map(|a| a.entities[0]).collect());
        Ok(Self {
            single_ent,
            ids,
            n_ent: b.n_ent,
            hist_w,
            atoms,
            mix_vals: b.mix_vals.clone(),
            mix_off,
            apart,
            layouts,
            multi,
            mix_weight: if req.mix_weight.is_finite() && req.mix_weight >= 0.0 {
                req.mix_weight
            } else {
                crate::MIX_WEIGHT
            },
            basics: b,
        })
    }
}

/// Rooms that must be unmixed whatever the arrangement: per key, rooms beyond what the
/// participants of other values can reach.
fn mix_lower_bound(b: &Basics, rooms: usize) -> i64 {
    let n = b.entity_of.len();
    let mut lb = 0i64;
    for (vals, &nv) in b.mix_vals.iter().zip(&b.mix_nvals) {
        let mut count = vec![0usize; nv];
        for &v in vals {
            count[v as usize] += 1;
        }
        let worst = count
            .iter()
            .map(|&c| rooms.saturating_sub(n - c))
            .max()
            .unwrap_or(0);
        lb += worst as i64;
    }
    lb
}

/// The first round's layout when some participants are already seated (late joiners).
fn seated_layout(
    req: &Request,
    b: &Basics,
    atoms: &[Atom],
    atom_of: &[u32],
    apart: &[Vec<u32>],
    max_atom: u32,
) -> Result<Layout, Error> {
    let k = req.room_size as u32;
    let mut room_of_atom: HashMap<u32, u32> = HashMap::new();
    let mut seat_of: HashMap<u32, usize> = HashMap::new();
    let mut rooms: Vec<Vec<u32>> = Vec::new();
    for (si, room) in req.seated.iter().enumerate() {
        let mut these = Vec::new();
        for id in room {
            let place = || {
                format!(
                    "seated room {} (seated participants must be present)",
                    si + 1
                )
            };
            let Some(p) = b.index.get(id).copied() else {
                return Err(Error::UnknownId {
                    id: id.clone(),
                    place: place(),
                });
            };
            if let Some(prev) = seat_of.insert(p, si) {
                return Err(Error::Contradiction {
                    constraint: format!("seated rooms {} and {}", prev + 1, si + 1),
                    reason: format!("{id:?} is seated twice"),
                });
            }
            these.push(atom_of[p as usize]);
        }
        if these.is_empty() {
            continue;
        }
        let ri = rooms.len() as u32;
        these.sort_unstable();
        these.dedup();
        for &a in &these {
            if let Some(prev) = room_of_atom.insert(a, ri)
                && prev != ri
            {
                return Err(Error::Contradiction {
                    constraint: format!("seated room {}", si + 1),
                    reason: format!(
                        "{:?} must share a room with participants seated elsewhere (unit or together group)",
                        req.participants[atoms[a as usize].members[0] as usize].id
                    ),
                });
            }
        }
        for &a in &these {
            for &z in &apart[a as usize] {
                if these.contains(&z) {
                    return Err(Error::Contradiction {
                        constraint: format!(
                            "apart constraint between {:?} and {:?}",
                            req.participants[atoms[a as usize].members[0] as usize].id,
                            req.participants[atoms[z as usize].members[0] as usize].id
                        ),
                        reason: format!("both are seated in room {}", si + 1),
                    });
                }
            }
        }
        rooms.push(these);
    }
    let force = req.force_size;
    let mut specs: Vec<RoomSpec> = rooms
        .iter()
        .map(|these| {
            let s: u32 = these.iter().map(|&a| atoms[a as usize].size).sum();
            let cap = if force { s.max(k) } else { (s + 1).max(k) };
            RoomSpec {
                lo: s,
                hi: cap,
                target: s,
            }
        })
        .collect();
    let n_total = req.participants.len() as u32;
    let seated_total: u32 = specs.iter().map(|r| r.lo).sum();
    let newcomers = n_total - seated_total;
    let spare: u32 = specs.iter().map(|r| r.hi - r.lo).sum();
    let (lo_new, hi_new) = if force {
        (k, k)
    } else {
        (k.saturating_sub(1).max(2), k + 1)
    };
    let hi_new = hi_new.max(max_atom);
    let mut m = None;
    for cand in newcomers / k..=newcomers.max(newcomers / k) {
        if cand * lo_new <= newcomers && newcomers <= cand * hi_new + spare {
            m = Some(cand);
            break;
        }
    }
    let Some(m) = m else {
        return Err(Error::Infeasible {
            constraint: "seated rooms".to_owned(),
            reason: format!(
                "{newcomers} newcomers fit neither into the open rooms nor into new rooms of {lo_new} to {hi_new}"
            ),
        });
    };
    // Greedy targets: new rooms of about k first, the rest one by one into the open rooms.
    let to_new = newcomers.min(m * k).max(m * lo_new);
    let mut left = newcomers - to_new;
    let mut order: Vec<usize> = (0..specs.len()).collect();
    order.sort_by_key(|&i| (specs[i].lo, i));
    while left > 0 {
        let mut placed = false;
        for &i in &order {
            if left > 0 && specs[i].target < specs[i].hi {
                specs[i].target += 1;
                left -= 1;
                placed = true;
            }
        }
        if !placed {
            break;
        }
    }
    let to_new = to_new + left;
    for i in 0..m {
        let t = to_new / m + u32::from(i < to_new % m);
        specs.push(RoomSpec {
            lo: lo_new,
            hi: hi_new,
            target: t,
        });
    }
    let pinned = rooms
        .iter()
        .enumerate()
        .flat_map(|(ri, these)| these.iter().map(move |&a| (a, ri as u32)))
        .collect();
    let r = specs.len();
    Ok(Layout {
        rooms: specs,
        pinned,
        s0: least_sum_sq(n_total as usize, r),
        mix_lb: 0,
    })
}
