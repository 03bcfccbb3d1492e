package omicall

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidationHelpers(t *testing.T) {
	assert.NoError(t, required("f", "x"))
	requireValidation(t, required("f", ""), "f")

	assert.NoError(t, requireAll("a", "1", "b", "2"))
	requireValidation(t, requireAll("a", "1", "b", "", "c", ""), "b")

	assert.NoError(t, requiredList("l", []string{"x"}))
	requireValidation(t, requiredList("l", nil), "l")
	requireValidation(t, requiredList("l", []string{"x", ""}), "l[1]")

	assert.NoError(t, positive("n", 1))
	requireValidation(t, positive("n", 0), "n")

	first, second := errors.New("first"), errors.New("second")
	assert.Equal(t, first, firstErr(nil, first, second))
	assert.NoError(t, firstErr(nil, nil))

	for s, ok := range map[string]bool{"a@b.vn": true, "a.b@c.d.vn": true, "a@b": false, "@b.vn": false, "a@": false,
		"a b@c.vn": false, "ab": false, "a@@b.vn": false, "Name <a@b.vn>": false, "a@b.": false, "a@b..vn": false} {
		assert.Equal(t, ok, validEmail(s), s)
	}

	requireValidation(t, renameField(required("old", ""), "new"), "new")
	other := errors.New("other")
	assert.Equal(t, other, renameField(other, "new"))

	opts := &ListOptions{Page: 2}
	cp := derefOr(opts)
	cp.Page = 3
	assert.Equal(t, 2, opts.Page, "a copy")
	require.Equal(t, ListOptions{}, derefOr[ListOptions](nil))
}
