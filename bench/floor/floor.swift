// The floor for any Swift command line tool: a static Swift program (Foundation, -static-stdlib)
// that only prints the current date. `make bench` builds it with `swiftc -O -static-stdlib`.
import Foundation

print(Date())
