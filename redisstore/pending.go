package redisstore

// pending is a bounded queue of outcomes waiting for Redis, oldest first:
// when it is full, a push drops the oldest. Its memory is taken at the
// first push and kept.
type pending struct {
	buf     []outcome
	head, n int
	shifted int // outcomes dropped by push, ever
}

// push appends f, dropping the oldest when full; it reports whether it
// dropped one.
func (p *pending) push(f outcome) bool {
	if p.buf == nil {
		p.buf = make([]outcome, maxPending)
	}
	dropped := p.n == len(p.buf)
	if dropped {
		p.head = (p.head + 1) % len(p.buf)
		p.n--
		p.shifted++
	}
	p.buf[(p.head+p.n)%len(p.buf)] = f
	p.n++
	return dropped
}

// oldest returns a copy of the first k outcomes (fewer if there are fewer).
func (p *pending) oldest(k int) []outcome {
	out := make([]outcome, min(k, p.n))
	for i := range out {
		out[i] = p.buf[(p.head+i)%len(p.buf)]
	}
	return out
}

// drop removes the first k outcomes (all, if there are fewer).
func (p *pending) drop(k int) {
	k = min(k, p.n)
	if k <= 0 {
		return
	}
	for i := range k {
		p.buf[(p.head+i)%len(p.buf)] = outcome{}
	}
	if p.n -= k; p.n == 0 {
		p.head = 0
	} else {
		p.head = (p.head + k) % len(p.buf)
	}
}
