//go:build !unix

package simulator

import "time"

// cpuNow falls back to wall time where getrusage is not available.
func cpuNow() time.Duration { return time.Duration(time.Now().UnixNano()) }
