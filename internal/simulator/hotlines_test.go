package simulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHotlineErrors(t *testing.T) {
	c := newTestClient(t)
	const p = "/api/call_center/hotline/extension/update"
	c.fails(200, "data_is_required", "POST", p, `{"hotline":"842899990001"}`)
	c.fails(400, "directions_invalid", "POST", p, `{"hotline":"842899990001","user_email":"an.nguyen@democo.example","directions":["sideways"]}`)
	c.fails(200, "number_call_out_invalid", "POST", p, `{"hotline":"1","user_email":"an.nguyen@democo.example","directions":["inbound"]}`)
	c.fails(404, "not_found", "POST", p, `{"hotline":"842899990001","user_email":"x@y.vn","directions":["inbound"]}`)
	c.fails(200, "data_is_required", "GET", "/api/call_center/hotline/list", "")

	// An inbound-only assignment leaves outgoing calls on every hotline.
	c.ok("POST", p, `{"hotline":"842899990002","user_email":"an.nguyen@democo.example","directions":["inbound"]}`, nil)
	var hl []string
	c.ok("GET", "/api/call_center/hotline/list?extension=100", "", &hl)
	assert.Len(t, hl, 2)
}

func TestHotlineSearch(t *testing.T) {
	c := newTestClient(t)
	var p struct {
		Items []struct {
			ID       string `json:"_id"`
			Hotline  string `json:"hotline"`
			Provider string `json:"provider"`
		} `json:"items"`
		Total int `json:"total_items"`
	}
	c.ok("GET", "/api/call_center/hotline/search", "", &p)
	require.Len(t, p.Items, 2)
	assert.Equal(t, "842899990001", p.Items[0].Hotline)
	assert.Equal(t, "viettel", p.Items[0].Provider)
	assert.Len(t, p.Items[0].ID, 12)
	c.ok("GET", "/api/call_center/hotline/search?keyword=0002&size=1", "", &p)
	assert.Equal(t, 1, p.Total)
	assert.Equal(t, "842899990002", p.Items[0].Hotline)
	_, env := c.json("GET", "/api/call_center/hotline/search?keyword=none", "")
	assert.Equal(t, "null", itemsOf(t, env), "no match: items null")
	_, env = c.json("GET", "/api/call_center/hotline/search?page=3", "")
	assert.Equal(t, "[]", itemsOf(t, env), "past the last page: an empty array")
}
