package redisstore

import (
	"strconv"
	"testing"
)

func TestPendingDropsTheOldest(t *testing.T) {
	var p pending
	for i := range maxPending + 3 {
		p.push(outcome{key: strconv.Itoa(i)})
	}
	if p.shifted != 3 || p.n != maxPending {
		t.Fatalf("shifted %d, n %d", p.shifted, p.n)
	}
	b := p.oldest(2)
	if len(b) != 2 || b[0].key != "3" || b[1].key != "4" {
		t.Fatalf("oldest: %v", b)
	}
	p.drop(maxPending - 1)
	if b := p.oldest(5); len(b) != 1 || b[0].key != strconv.Itoa(maxPending+2) {
		t.Fatalf("after drop: %v", b)
	}
	p.drop(-1) // a batch pushed out entirely meanwhile
	p.drop(5)
	if p.n != 0 || len(p.oldest(5)) != 0 {
		t.Fatalf("n %d", p.n)
	}
}
