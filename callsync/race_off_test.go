//go:build !race

package callsync

// raceEnabled reports a -race build, whose allocations a memory test
// cannot judge.
const raceEnabled = false
