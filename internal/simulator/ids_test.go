package simulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIDsComeFromTheSeed(t *testing.T) {
	a, b, other := New(WithSeed(5)), New(WithSeed(5)), New(WithSeed(6))
	id := a.newID()
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, id, "a version 4 UUID")
	assert.Equal(t, id, b.newID(), "same seed, same ids")
	assert.NotEqual(t, id, other.newID())
	assert.NotEqual(t, id, a.newID(), "each id is new")
	assert.Regexp(t, `^[0-9a-f]{24}$`, a.objectID())
}

func TestObjectIDOf(t *testing.T) {
	assert.Equal(t, "0123456789abcdef01234567", objectIDOf("01234567-89ab-cdef-0123-456789abcdef"))
	assert.Equal(t, "842899990001", objectIDOf("842899990001"), "a short value is kept whole")
}
