/// Invented but plausible game names for the long tail, unique per index: the parts are picked
/// by a mixed-radix reading of a seeded permutation of the index.
struct GameNames: Sendable {
    let seed: UInt64

    private static let first = [
        "Hollow", "Neon", "Crimson", "Silent", "Iron", "Forgotten", "Starlit", "Broken", "Eternal",
        "Savage", "Frozen", "Golden", "Shadow", "Pixel", "Cosmic", "Wild", "Ancient", "Rogue", "Lost",
        "Café", "Über", "Señor", "Mystic", "Turbo", "Tiny", "Deep", "Last", "Second", "Dark", "Bright",
        "Ōkami", "Zero", "Velvet", "Arcane", "Steel", "Little", "Grim", "Solar", "Lunar", "Cyber",
    ]
    private static let second = [
        "Kingdom", "Drift", "Frontier", "Harvest", "Legends", "Tactics", "Odyssey", "Dungeon", "Empire",
        "Circuit", "Horizon", "Survivors", "Tycoon", "Protocol", "Hunters", "Raiders", "Garden",
        "Station", "Arena", "Chronicles", "Realms", "Outpost", "Colony", "Racing", "Siege", "Saga",
        "Souls", "Heist", "Voyage", "Factory", "Academy", "Island", "Knights", "Depths", "Paradox",
        "Rebellion", "Mayhem", "Quest", "Trails", "Tavern", "Farm", "Forge", "Signal", "Rift", "Déjà Vu",
        "Orbit", "Bastion", "Crossing", "Ward", "Nomads",
    ]
    private static let third = [
        "", "", "", "", "", "", " II", " III", " Online", " Simulator", " Remastered", ": Reborn",
        " 2", " Deluxe", " VR", ": Origins", " Zero", " Tactics", " Arena", " Legacy", " HD",
        ": The Board Game", " Survival", " Together",
    ]
    /// Names in other scripts, so categories are not all ASCII.
    private static let localized = [
        "ドラゴン冒険記", "星の守り人", "바람의 나라", "검은 사막", "Танки Онлайн", "Сталкер: Зона",
        "三国志英雄", "仙剑奇侠传", "Ελληνικός Μύθος", "مغامرات الصحراء", "Ведьмак Хроники",
        "東方紅魔郷", "달빛 조각사", "Смута", "مملكة الرمال",
    ]

    func name(_ i: Int) -> String {
        let space = Self.first.count * Self.second.count * Self.third.count
        let p = (i &* 7_919 &+ Int(seed % UInt64(space))) % space
        let a = p % Self.first.count
        let b = (p / Self.first.count) % Self.second.count
        let c = p / (Self.first.count * Self.second.count)
        if i % 37 == 11 {
            return Self.localized[(i / 37) % Self.localized.count] + Self.third[c]
        }
        return "\(Self.first[a]) \(Self.second[b])\(Self.third[c])"
    }
}
