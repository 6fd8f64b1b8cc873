//! The search benchmark: 50,000 synthetic German experiences.
//!
//! Measures the full rebuild of an on-disk index, the index's size, search
//! latency (p50, p99) with 50 concurrent searchers, and the process's peak
//! memory. `bash bench/search.sh` runs it in release mode;
//! `cargo run --release -p knotenpunkt-search --example load -- DOCS SEARCHERS
//! QUERIES_EACH` sets the sizes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use knotenpunkt_search::{Audience, Document, Kind, PUBLIC, SearchIndex, SearchRequest};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

const PARTS: &[&str] = &[
    "Park",
    "Raum",
    "Platz",
    "Sensor",
    "Daten",
    "Verkehr",
    "Energie",
    "Licht",
    "Straße",
    "Bürger",
    "Schul",
    "Wasser",
    "Abfall",
    "Müll",
    "Netz",
    "Wärme",
    "Strom",
    "Bus",
    "Rad",
    "Weg",
    "Stadt",
    "Dorf",
    "Amt",
    "Portal",
    "Plattform",
    "Beteiligung",
    "Management",
    "Steuerung",
    "Messung",
    "Beleuchtung",
    "Versorgung",
    "Förderung",
    "Planung",
    "Nutzung",
    "Zähler",
    "Kamera",
    "Karte",
];
const WORDS: &[&str] = &[
    "wir",
    "haben",
    "die",
    "der",
    "das",
    "mit",
    "einer",
    "nach",
    "im",
    "Winter",
    "Sommer",
    "Projekt",
    "Erfahrung",
    "gescheitert",
    "erfolgreich",
    "Akzeptanz",
    "Kosten",
    "Betrieb",
    "Ausschreibung",
    "Kommune",
    "Landkreis",
    "Verwaltung",
    "Team",
    "Partner",
    "Jahr",
    "Monate",
    "gemessen",
    "geplant",
    "umgesetzt",
    "eingeführt",
    "schwierig",
    "einfach",
    "teuer",
    "günstig",
    "Sensoren",
    "Daten",
    "offen",
    "digital",
    "Anwohnerinnen",
    "Anwohner",
    "Rat",
    "Beschluss",
    "Förderprogramm",
    "Modellprojekt",
    "Schnittstelle",
    "Lizenz",
    "Datenschutz",
    "Funknetz",
];
const TOPICS: &[&str] = &[
    "mobilitaet",
    "energie-umwelt",
    "verwaltung",
    "gesellschaft",
    "bildung",
    "daten-infrastruktur",
];
const OUTCOMES: &[&str] = &["success", "mixed", "failed", "open"];
const QUERIES: &[&str] = &[
    "Parken",
    "Sensor",
    "Parkplatzsensoren",
    "muell",
    "Strassenbeleuchtung",
    "Bürgerbeteiligung gescheitert",
    "Akzeptanz gemessen",
    "Energie Schule",
    "Datenplattform",
    "Radweg Planung",
    "Winter Betrieb Kosten",
    "Förderung",
];

/// A German-looking vocabulary of `size` words built from syllables, so
/// that text has the long tail of real prose: most words are rare, and a
/// query for a domain word matches a share of the corpus, not all of it.
fn vocabulary(size: usize, rng: &mut SmallRng) -> Vec<String> {
    const ONSETS: &[&str] = &[
        "b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "w", "z", "sch", "st",
        "br", "kr", "tr", "pf", "gl", "fl",
    ];
    const NUCLEI: &[&str] = &[
        "a", "e", "i", "o", "u", "ä", "ö", "ü", "au", "ei", "ie", "eu",
    ];
    const CODAS: &[&str] = &[
        "", "n", "r", "l", "t", "s", "ng", "ch", "ck", "rt", "nd", "st",
    ];
    (0..size)
        .map(|_| {
            let syllables = rng.random_range(2..4);
            let mut word = String::new();
            for _ in 0..syllables {
                word.push_str(ONSETS[rng.random_range(0..ONSETS.len())]);
                word.push_str(NUCLEI[rng.random_range(0..NUCLEI.len())]);
                word.push_str(CODAS[rng.random_range(0..CODAS.len())]);
            }
            word
        })
        .collect()
}

/// Text words: a fifth from the domain (words and compounds of the word
/// list's parts), the rest Zipf-distributed over the vocabulary.
struct Writer {
    vocabulary: Vec<String>,
    /// Cumulative Zipf weights over the vocabulary.
    cumulative: Vec<f64>,
}

impl Writer {
    fn new(rng: &mut SmallRng) -> Writer {
        let vocabulary = vocabulary(30_000, rng);
        let mut total = 0.0;
        let cumulative = (1..=vocabulary.len())
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Writer {
            vocabulary,
            cumulative,
        }
    }

    fn word(&self, rng: &mut SmallRng) -> String {
        if rng.random_bool(0.2) {
            if rng.random_bool(0.4) {
                let first = PARTS[rng.random_range(0..PARTS.len())];
                let second = PARTS[rng.random_range(0..PARTS.len())].to_lowercase();
                let link = if rng.random_bool(0.3) { "s" } else { "" };
                return format!("{first}{link}{second}");
            }
            return WORDS[rng.random_range(0..WORDS.len())].to_owned();
        }
        let total = self.cumulative[self.cumulative.len() - 1];
        let target = rng.random_range(0.0..total);
        let at = self.cumulative.partition_point(|c| *c < target);
        self.vocabulary[at.min(self.vocabulary.len() - 1)].clone()
    }

    fn sentence(&self, rng: &mut SmallRng, words: usize) -> String {
        (0..words)
            .map(|_| self.word(rng))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn experience(i: usize, writer: &Writer, rng: &mut SmallRng) -> Document {
    let mut doc = Document::new(
        Kind::Experience,
        format!("experience:{i}"),
        writer.sentence(rng, 6),
        (0..rng.random_range(4..12))
            .map(|_| writer.sentence(rng, 14) + ".")
            .collect::<Vec<_>>()
            .join(" "),
    );
    doc.url = format!("/erfahrungen/{i}");
    doc.audience = vec![if rng.random_bool(0.3) {
        format!("network:n{}", rng.random_range(0..20))
    } else {
        PUBLIC.to_owned()
    }];
    doc.topics = vec![TOPICS[rng.random_range(0..TOPICS.len())].to_owned()];
    doc.outcome = Some(OUTCOMES[rng.random_range(0..OUTCOMES.len())].to_owned());
    doc.organizations = vec![format!("org-{}", rng.random_range(0..800))];
    doc
}

fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("sizes are numbers"))
        .collect();
    let docs = args.first().copied().unwrap_or(50_000);
    let searchers = args.get(1).copied().unwrap_or(50);
    let each = args.get(2).copied().unwrap_or(200);

    let dir = std::env::temp_dir().join(format!("knotenpunkt-search-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let index = Arc::new(SearchIndex::open(&dir).expect("open index"));

    // Documents are made as the index takes them, so the peak memory below is
    // the index's and the search's, not a corpus held beside it.
    let mut rng = SmallRng::seed_from_u64(7);
    let writer = Writer::new(&mut rng);
    eprintln!("indexing {docs} synthetic experiences …");
    let started = Instant::now();
    index
        .rebuild((0..docs).map(|i| experience(i, &writer, &mut rng)), Some(1))
        .expect("rebuild");
    let build = started.elapsed();
    let size = index.size_bytes().expect("size");
    eprintln!("indexed in {:.1} s", build.as_secs_f64());

    // Warm the statistics and the page cache once, as a running server
    // would be, and show what each query costs alone.
    for query in QUERIES {
        index
            .search(&SearchRequest::new(*query, Audience::public()))
            .expect("search");
    }
    for query in QUERIES {
        let t = Instant::now();
        let mut total = 0;
        for _ in 0..20 {
            total = index
                .search(&SearchRequest::new(*query, Audience::public()))
                .expect("search")
                .total;
        }
        eprintln!(
            "  {query:32} {total:6} found, {:.2} ms alone",
            t.elapsed().as_secs_f64() * 1e3 / 20.0
        );
    }

    // The server runs one search per core and lets the others wait in
    // arrival order (a fair semaphore); here the same: `searchers` clients,
    // each with one search outstanding at a time, and one worker per core
    // taking searches from one queue. A search's latency is from the moment
    // it is asked to its answer, waiting included.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    type Job = (
        String,
        Audience,
        Instant,
        std::sync::mpsc::Sender<(Duration, u64)>,
    );
    let (queue, jobs) = std::sync::mpsc::channel::<Job>();
    let jobs = Arc::new(std::sync::Mutex::new(jobs));
    let workers: Vec<_> = (0..cores)
        .map(|_| {
            let jobs = jobs.clone();
            let index = index.clone();
            std::thread::spawn(move || {
                loop {
                    let job = jobs.lock().expect("queue").recv();
                    let Ok((text, audience, asked, answer)) = job else {
                        break;
                    };
                    let results = index
                        .search(&SearchRequest::new(text, audience))
                        .expect("search");
                    let _ = answer.send((asked.elapsed(), results.total));
                }
            })
        })
        .collect();
    let barrier = Arc::new(Barrier::new(searchers));
    let started = Instant::now();
    let handles: Vec<_> = (0..searchers)
        .map(|s| {
            let queue = queue.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let mut times = Vec::with_capacity(each);
                let mut found = 0u64;
                barrier.wait();
                for q in 0..each {
                    let text = QUERIES[(s + q) % QUERIES.len()];
                    let audience = if q % 3 == 0 {
                        Audience::Keys(vec![format!("network:n{}", s % 20)])
                    } else {
                        Audience::public()
                    };
                    let (answer, answered) = std::sync::mpsc::channel();
                    queue
                        .send((text.to_owned(), audience, Instant::now(), answer))
                        .expect("queue");
                    let (took, total) = answered.recv().expect("answer");
                    times.push(took);
                    found += total;
                }
                (times, found)
            })
        })
        .collect();
    drop(queue);
    let mut times = Vec::new();
    let mut found = 0;
    for handle in handles {
        let (t, f) = handle.join().expect("searcher");
        times.extend(t);
        found += f;
    }
    let wall = started.elapsed();
    for worker in workers {
        worker.join().expect("worker");
    }
    times.sort();
    let searches = times.len();
    println!("documents: {docs}");
    println!("full rebuild: {:.1} s", build.as_secs_f64());
    println!(
        "index size: {:.1} MiB, {} segment(s)",
        size as f64 / 1024.0 / 1024.0,
        index.segments()
    );
    println!(
        "searches: {searches} by {searchers} concurrent clients on {cores} workers in {:.1} s ({:.0}/s), {:.0} hits per search on average",
        wall.as_secs_f64(),
        searches as f64 / wall.as_secs_f64(),
        found as f64 / searches as f64
    );
    println!(
        "latency: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&times, 0.50).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        percentile(&times, 1.0).as_secs_f64() * 1e3
    );
    if let Some(peak) = peak_memory_mib() {
        println!("peak memory (VmHWM): {peak:.0} MiB");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
