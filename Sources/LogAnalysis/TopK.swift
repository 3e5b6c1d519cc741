/// The `limit` greatest of a stream by `areInIncreasingOrder`, kept in a heap of `limit`
/// elements: the most-tried of a million usernames without sorting (or copying) the million.
struct TopK<Element> {
    private var heap: [Element] = []  // a min-heap: the smallest kept element at the root
    private let limit: Int
    private let less: (Element, Element) -> Bool

    init(_ limit: Int, by areInIncreasingOrder: @escaping (Element, Element) -> Bool) {
        self.limit = limit
        less = areInIncreasingOrder
        heap.reserveCapacity(limit)
    }

    mutating func add(_ element: Element) {
        guard limit > 0 else { return }
        if heap.count < limit {
            heap.append(element)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard less(heap[child], heap[parent]) else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        } else if less(heap[0], element) {
            heap[0] = element
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, less(heap[left], heap[smallest]) { smallest = left }
                if right < heap.count, less(heap[right], heap[smallest]) { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
    }

    /// The kept elements, greatest first.
    var sorted: [Element] { heap.sorted { less($1, $0) } }
}
