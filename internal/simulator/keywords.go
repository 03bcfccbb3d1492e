package simulator

import "strings"

// Keyword matching: case- and accent-insensitive, as the API's searches.

// stripVietnamese strips Vietnamese diacritics, as the *_unsigned fields do.
func stripVietnamese(v string) string {
	var b strings.Builder
	for _, c := range v {
		b.WriteRune(vietnameseBase(c))
	}
	return b.String()
}

var vietnameseLetters = map[rune]string{
	'a': "àáạảãâầấậẩẫăằắặẳẵ", 'e': "èéẹẻẽêềếệểễ", 'i': "ìíịỉĩ", 'o': "òóọỏõôồốộổỗơờớợởỡ",
	'u': "ùúụủũưừứựửữ", 'y': "ỳýỵỷỹ", 'd': "đ",
	'A': "ÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴ", 'E': "ÈÉẸẺẼÊỀẾỆỂỄ", 'I': "ÌÍỊỈĨ", 'O': "ÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠ",
	'U': "ÙÚỤỦŨƯỪỨỰỬỮ", 'Y': "ỲÝỴỶỸ", 'D': "Đ",
}

func vietnameseBase(c rune) rune {
	if c < 0x80 {
		return c
	}
	for base, set := range vietnameseLetters {
		if strings.ContainsRune(set, c) {
			return base
		}
	}
	return c
}

// searchKey prepares text for a case- and accent-insensitive search.
func searchKey(v string) string { return strings.ToLower(stripVietnamese(v)) }

// containsFold reports whether sub is in s, ignoring case.
func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
