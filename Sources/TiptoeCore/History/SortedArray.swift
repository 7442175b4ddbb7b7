/// Sorted arrays as small sets: the history's few ids and days, without the conformance look-up a
/// `Set`'s first use costs a command (bench/findings.md).
extension Array where Element: Comparable {
  /// Whether this array, sorted in ascending order, holds `value` (a binary search).
  func containsSorted(_ value: Element) -> Bool {
    let index = sortedPosition(of: value)
    return index < endIndex && self[index] == value
  }

  /// Inserts `value` where it keeps this sorted array sorted, unless it is there already. By
  /// appending and moving it down: `insert(_:at:)` makes a `Range<Int>`, whose first use costs a
  /// conformance scan.
  mutating func insertSorted(_ value: Element) {
    var index = sortedPosition(of: value)
    guard index == endIndex || self[index] != value else { return }
    append(value)
    index = endIndex - 1
    while index > 0 && self[index - 1] > value {
      swapAt(index - 1, index)
      index -= 1
    }
  }

  /// The first index whose element is not less than `value`.
  private func sortedPosition(of value: Element) -> Int {
    var low = startIndex
    var high = endIndex
    while low < high {
      let middle = (low + high) / 2
      if self[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
