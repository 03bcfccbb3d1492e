package simulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAgentDelete(t *testing.T) {
	c := newTestClient(t)
	c.fails(200, "identify_info_invalid", "DELETE", "/api/agent/delete", "")
	c.fails(404, "not_found", "DELETE", "/api/agent/delete?identify_info=ghost@x.vn", "")

	c.s.mu.Lock()
	assert.True(t, c.s.extensionExists("100"))
	assert.True(t, c.s.extensionRegistered("100"))
	assert.Equal(t, "Nguyễn Văn An", c.s.agentName("100"))
	assert.False(t, c.s.extensionExists("999"))
	assert.False(t, c.s.extensionRegistered("999"))
	assert.Equal(t, "Agent 999", c.s.agentName("999"))
	c.s.mu.Unlock()

	c.ok("DELETE", "/api/agent/delete?identify_info=AN.NGUYEN@democo.example", "", nil)
	c.s.mu.Lock()
	assert.False(t, c.s.extensionExists("100"))
	assert.NotContains(t, c.s.cc.groups[0].SIPMembers, "100", "a deleted agent leaves its groups")
	c.s.mu.Unlock()
}

func TestAgentListPagesLikeTheAPI(t *testing.T) {
	c := newTestClient(t)
	var p pageA
	c.ok("GET", "/api/agent/list", "", &p)
	assert.Equal(t, 50, p.PageSize)
	assert.Equal(t, 3, p.TotalItems)
	assert.Equal(t, 1, p.NextPage, "next_page repeats the last page")
	c.ok("GET", "/api/agent/list?page=2&size=2", "", &p)
	assert.Len(t, p.Items, 1)
	assert.True(t, p.HasPrevious)
	assert.False(t, p.HasNext)
	assert.Equal(t, 2, p.TotalPages)
	c.fails(400, "page_invalid", "GET", "/api/agent/list?page=0", "")

	var found struct {
		Items []agentRecord `json:"items"`
	}
	c.ok("GET", "/api/agent/list?keyword=TRAN%20THI", "", &found)
	require.Len(t, found.Items, 1, "the keyword ignores case and accents")
	assert.Equal(t, "binh.tran@democo.example", found.Items[0].IdentifyInfo)
	_, env := c.json("GET", "/api/agent/list?keyword=no-such-thing", "")
	assert.JSONEq(t, "[]", itemsOf(t, env), "no match is an empty array, not null")
}

func TestAgentByEmail(t *testing.T) {
	c := newTestClient(t)
	var a struct {
		Email string            `json:"identify_info"`
		PBX   map[string]string `json:"pbx_account"`
	}
	c.ok("GET", "/api/v2/agent/get-by-email?email=AN.NGUYEN@democo.example", "", &a)
	assert.Equal(t, "an.nguyen@democo.example", a.Email)
	assert.Equal(t, "100", a.PBX["sip_user"])
	c.ok("POST", "/api/v2/agent/get-by-email", `{"email":"cuong.le@democo.example"}`, &a)
	assert.Equal(t, "102", a.PBX["sip_user"])
	c.fails(200, "data_is_required", "GET", "/api/v2/agent/get-by-email", "")
	c.fails(200, "resource_not_found", "POST", "/api/v2/agent/get-by-email", `{"email":"ghost@x.vn"}`)
}

func TestAddAgent(t *testing.T) {
	s := New()
	ext := s.AddAgent(Agent{FullName: "Phạm Dũng", Email: "dung@democo.example", Role: "Sale"})
	assert.Equal(t, "103", ext)
	assert.Equal(t, ext, s.AddAgent(Agent{Email: "DUNG@democo.example"}), "an email already held keeps its extension")
	s.mu.Lock()
	defer s.mu.Unlock()
	assert.Len(t, s.agents.list, 4)
	assert.Equal(t, "842899990001", s.publicNumber(s.agents.byExt[ext]))
}

func TestSeededStateIsDeterministic(t *testing.T) {
	a, b, other := New(), New(), New(WithSeed(7))
	for _, ext := range []string{"100", "101", "102"} {
		pa := a.agents.byExt[ext].password
		assert.Equal(t, pa, b.agents.byExt[ext].password)
		assert.NotEqual(t, pa, other.agents.byExt[ext].password)
		assert.Regexp(t, `^[a-z]{4}[0-9]{6}$`, pa)
	}
	assert.Equal(t, a.cc.groups[0].ID, b.cc.groups[0].ID)
}
