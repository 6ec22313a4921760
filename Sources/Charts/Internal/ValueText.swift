/// How values read in tooltips and data tables.
enum ValueText {
    /// "1.2K viewers", or "1.2K" without a unit.
    static func compact(_ value: Double, unit: String) -> String {
        unit.isEmpty ? NumberFormat.compact(value) : NumberFormat.compact(value) + " " + unit
    }

    /// Exact values for tables: whole numbers grouped, others with one decimal.
    static func exact(_ value: Double, allWhole: Bool) -> String {
        NumberFormat.grouped(value, decimals: allWhole ? 0 : 1)
    }

    static func allWhole<S: Sequence>(_ values: S) -> Bool where S.Element == Double {
        values.allSatisfy { $0.rounded() == $0 }
    }
}
