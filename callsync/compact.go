package callsync

import "bytes"

// dropZeroMembers returns the JSON object b (compact, as json.Marshal
// writes it) without its members whose value is "", 0, false, null, [] or
// {}, at every depth: what a re-encoded record carries for the fields the
// received one lacked. Anything it cannot read is returned unchanged.
func dropZeroMembers(b []byte) []byte {
	out := make([]byte, 0, len(b))
	end, ok := compactValue(b, 0, &out)
	if !ok || end != len(b) {
		return b
	}
	return out
}

// compactValue copies the value at b[i:] to out, dropping zero members
// of the objects in it, and returns the index after it.
func compactValue(b []byte, i int, out *[]byte) (int, bool) {
	if i >= len(b) {
		return i, false
	}
	switch b[i] {
	case '{':
		return compactObject(b, i, out)
	case '[':
		*out = append(*out, '[')
		i++
		for first := true; i < len(b) && b[i] != ']'; first = false {
			if !first {
				if b[i] != ',' {
					return i, false
				}
				*out = append(*out, ',')
				i++
			}
			var ok bool
			if i, ok = compactValue(b, i, out); !ok {
				return i, false
			}
		}
		if i >= len(b) {
			return i, false
		}
		*out = append(*out, ']')
		return i + 1, true
	}
	j, ok := scalarEnd(b, i)
	*out = append(*out, b[i:j]...)
	return j, ok
}

// compactObject copies the object at b[i:], leaving out zero members.
func compactObject(b []byte, i int, out *[]byte) (int, bool) {
	*out = append(*out, '{')
	i++
	wrote := false
	for first := true; i < len(b) && b[i] != '}'; first = false {
		if !first {
			if b[i] != ',' {
				return i, false
			}
			i++
		}
		keyEnd, ok := scalarEnd(b, i)
		if !ok || keyEnd >= len(b) || b[keyEnd] != ':' {
			return i, false
		}
		mark := len(*out)
		if wrote {
			*out = append(*out, ',')
		}
		*out = append(*out, b[i:keyEnd+1]...)
		valStart := len(*out)
		if i, ok = compactValue(b, keyEnd+1, out); !ok {
			return i, false
		}
		if isZero((*out)[valStart:]) {
			*out = (*out)[:mark]
			continue
		}
		wrote = true
	}
	if i >= len(b) {
		return i, false
	}
	*out = append(*out, '}')
	return i + 1, true
}

// scalarEnd returns the index after the string, number or literal at b[i:].
func scalarEnd(b []byte, i int) (int, bool) {
	if i >= len(b) {
		return i, false
	}
	if b[i] == '"' {
		for j := i + 1; j < len(b); j++ {
			switch b[j] {
			case '\\':
				j++
			case '"':
				return j + 1, true
			}
		}
		return len(b), false
	}
	j := i
	for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' && b[j] != ':' {
		j++
	}
	return j, j > i
}

var zeroValues = [][]byte{[]byte(`""`), []byte(`0`), []byte(`false`), []byte(`null`), []byte(`[]`), []byte(`{}`)}

// isZero reports a value that says nothing.
func isZero(v []byte) bool {
	for _, z := range zeroValues {
		if bytes.Equal(v, z) {
			return true
		}
	}
	return false
}
