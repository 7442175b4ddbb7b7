import Testing

@testable import TiptoeCore

struct SortedArrayTests {
  @Test func insertsInOrderOnceAndFindsWhatItHolds() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<200 {
      let count = Int.random(in: 0...40, using: &generator)
      let values = (0..<count).map { _ in Int64.random(in: -20...20, using: &generator) }
      var sorted: [Int64] = []
      for value in values { sorted.insertSorted(value) }
      #expect(sorted == Array(Set(values)).sorted())
      for probe in Int64(-22)...22 { #expect(sorted.containsSorted(probe) == values.contains(probe)) }
    }
  }
}
