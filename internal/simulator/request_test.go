package simulator

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDecodeBody(t *testing.T) {
	var v struct {
		N int `json:"n"`
	}
	decode := func(body string) error {
		return decodeBody(httptest.NewRequest("POST", "/", strings.NewReader(body)), &v)
	}
	assert.NoError(t, decode(`{"n":3}`))
	assert.Equal(t, 3, v.N)
	assert.Equal(t, fail("request_body_required"), decode(" \n"))
	assert.Equal(t, failHTTP(400, "request_body_invalid"), decode(`{"n":"three"}`))
	assert.Equal(t, failHTTP(400, "request_body_invalid"), decode(`{`))
}

func TestReadOptionalBody(t *testing.T) {
	v := map[string]int{"kept": 1}
	assert.NoError(t, readOptionalBody(httptest.NewRequest("POST", "/", nil), &v))
	assert.Equal(t, map[string]int{"kept": 1}, v, "no body leaves v as it is")
	assert.Error(t, readOptionalBody(httptest.NewRequest("POST", "/", strings.NewReader("[")), &v))
}

func TestRequiredFields(t *testing.T) {
	assert.NoError(t, requiredFields("name", "x", "phone", "0901"))
	assert.Equal(t, fail("phone_is_required"), requiredFields("name", "x", "phone", "  "))
	assert.Equal(t, fail("name_is_required"), requiredFields("name", "", "phone", ""), "the first empty one")
}

func TestPasswordRule(t *testing.T) {
	for pw, want := range map[string]bool{
		"G00d!pass": true, "Ab1!Ab1!": true, "Ab1!Ab1": false, "ab1!ab1!": false, "AB1!AB1!": false,
		"Abc!Abc!": false, "Ab12Ab12": false, "Ab1 Ab1 ": false, "Ưu1!ưu1!": true, "": false,
	} {
		assert.Equal(t, want, strongPassword(pw, false), pw)
		if pw != "Ab1 Ab1 " {
			assert.Equal(t, want, strongPassword(pw, true), pw)
		}
	}
}

func TestStrongPasswordSpace(t *testing.T) {
	assert.False(t, strongPassword("Ab1 Ab1 ", false), "a space is not special to the agents' check")
	assert.True(t, strongPassword("Ab1 Ab1 ", true), "it is to the partner's")
}
