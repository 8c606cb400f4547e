use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let recs: Vec<gongkai_core::Record> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let t = Instant::now();
    let _ = gongkai_core::analysis::jieba();
    println!("jieba load {:?}", t.elapsed());
    let t = Instant::now();
    let mut n = 0;
    for r in &recs {
        n += gongkai_core::analysis::normalize(&r.body).len();
    }
    println!("normalize bodies {:?} {n}", t.elapsed());
    let t = Instant::now();
    for r in &recs {
        n += gongkai_core::analysis::words(&r.body).len();
    }
    println!("words bodies {:?}", t.elapsed());
    let t = Instant::now();
    for r in &recs {
        n += gongkai_core::analysis::bigrams(&r.body).len();
    }
    println!("bigrams bodies {:?}", t.elapsed());
    let t = Instant::now();
    for r in &recs {
        n += gongkai_core::analysis::codes_in_text(&r.body).len();
    }
    println!("codes bodies {:?}", t.elapsed());
    let t = Instant::now();
    let _ = gongkai_core::lexicon::Lexicon::build(&recs);
    println!("lexicon {:?} {n}", t.elapsed());
}
