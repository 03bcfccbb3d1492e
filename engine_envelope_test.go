package omicall

import (
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An HTTP 404 without an envelope (a wrong host's HTML page) is a
// *DecodeError that points at the base URL, not ErrNotFound; a 404 with an
// envelope still is ErrNotFound.
func TestBare404IsNotErrNotFound(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/agent/list", httpmock.NewStringResponder(404, "<html>Not Found</html>"))
	_, err := c.Agents.List(ctxT(t), nil)
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrNotFound)
	var decErr *DecodeError
	require.ErrorAs(t, err, &decErr)
	assert.Equal(t, 404, decErr.HTTPStatus)
	assert.Contains(t, err.Error(), "base URL")

	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", httpmock.NewStringResponder(404, `{"status_code":-9999,"message":"not_found"}`))
	_, err = c.Tenant.Get(ctxT(t))
	assert.ErrorIs(t, err, ErrNotFound)
}
