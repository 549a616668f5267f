//! The building blocks of generated names: website names are a topic and a
//! kind of site, app names a topic and an app word. No block, and no
//! combination, contains a word of the embedded word lists: the tests of
//! [`valid`](super::valid) and [`apps`](super::apps) check every pair in
//! every province.

/// The building blocks of website names: a topic and a kind of site. No
/// combination, nor a topic alone or a kind alone, contains a word of the
/// embedded word lists (forbidden, sensitive, pre-approval or national
/// words, place names of Hainan and Yunnan, province names), and no two
/// blocks meet to form one; `tests/strategies.rs` checks every pair in every
/// province.
pub(crate) const TOPICS: &[&str] = &[
    "读书", "摄影", "园艺", "编程", "手工", "书法", "茶艺", "花草", "星空", "晨光", "烘焙", "陶艺", "跑步", "骑行",
    "垂钓", "集邮", "剪纸", "围棋", "象棋", "插花", "听雨", "拾光", "寻味", "观鸟",
];
pub(crate) const KINDS: &[&str] = &[
    "笔记", "随笔", "札记", "小站", "日志", "手记", "书屋", "小筑", "杂谈", "心得", "记事", "漫谈",
];

/// The second half of generated app names.
pub(crate) const APP_WORDS: &[&str] = &["助手", "打卡", "清单", "手账", "时光", "宝盒", "日记本"];
