//go:build race

package redisstore_test

// raceEnabled is true under the race detector, which makes every call
// several times slower: timing tests give Redis more time then.
const raceEnabled = true
