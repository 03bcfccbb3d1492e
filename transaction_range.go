package omicall

import (
	"time"
)

// MaxTransactionRange is the longest From..To range one call-history request
// may ask for (the API answers date_is_too_long beyond it). List refuses a
// longer range; All splits any range into windows of this length.
const MaxTransactionRange = 30 * 24 * time.Hour

// maxRangeMs is MaxTransactionRange in milliseconds, the unit of the API.
const maxRangeMs = int64(MaxTransactionRange / time.Millisecond)

// dateRange is a checked From..To range in Unix milliseconds, both inclusive.
type dateRange struct{ from, to int64 }

// checkRange validates a From..To range: both set, not before 1970, and From
// strictly before To (a zero-length range is refused: it is almost always a
// day meant as a whole but given as two equal midnights). maxMs > 0 also
// limits the length. The errors are ValidationErrors that also match the
// sentinel the API would have answered with (ErrDateRequired,
// ErrDateInvalid, ErrDateRangeTooLong).
func checkRange(from, to time.Time, maxMs int64) (dateRange, error) {
	switch {
	case from.IsZero():
		return dateRange{}, invalidAs("From", "is required", ErrDateRequired)
	case to.IsZero():
		return dateRange{}, invalidAs("To", "is required", ErrDateRequired)
	}
	r := dateRange{from.UnixMilli(), to.UnixMilli()}
	switch {
	case r.from < 0 || r.to < 0:
		return dateRange{}, invalidAs("From", "must not be before 1970-01-01", ErrDateInvalid)
	case r.from >= r.to:
		return dateRange{}, invalidAs("To", "must be after From (both are inclusive milliseconds)", ErrDateInvalid)
	case maxMs > 0 && r.to-r.from > maxMs:
		return dateRange{}, invalidAs("To", "range is longer than 30 days; All walks a longer range in 30-day windows", ErrDateRangeTooLong)
	}
	return r, nil
}

// windows returns how many windows r splits into. Window k is
// [from + k·30d, from + (k+1)·30d − 1 ms], both inclusive, and the last one
// ends at r.to: each spans less than MaxTransactionRange, and consecutive
// windows share no millisecond and leave none out, so no record is listed
// twice or lost at an edge.
func (r dateRange) windows() int {
	return int((r.to-r.from)/maxRangeMs) + 1
}

// window returns window k of r (see windows).
func (r dateRange) window(k int) dateRange {
	from := r.from + int64(k)*maxRangeMs
	return dateRange{from, min(from+maxRangeMs-1, r.to)}
}
