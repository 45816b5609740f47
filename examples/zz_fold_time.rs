use std::io::BufRead;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let f = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let texts: Vec<String> = f
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l.unwrap()).unwrap();
            v["text"].as_str().unwrap().to_string()
        })
        .collect();
    let mut h = 0u64;
    let t = std::time::Instant::now();
    let rounds = 5;
    for _ in 0..rounds {
        for x in &texts {
            let k = tamis::normalize::fold(x, true);
            h = h
                .wrapping_mul(31)
                .wrapping_add(xxhash_rust::xxh3::xxh3_64(k.as_bytes()));
        }
    }
    println!("{:?} per round, hash {h:x}", t.elapsed() / rounds);
}
