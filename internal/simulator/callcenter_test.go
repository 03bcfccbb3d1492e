package simulator

import (
	"encoding/json"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCallCenterListsWhileChanging lists groups and scripts while other
// requests change them: answers are encoded after the lock is released, so
// they must not share memory with the stored objects (run with -race).
func TestCallCenterListsWhileChanging(t *testing.T) {
	c := newTestClient(t)
	var groups, greetings struct {
		Items []struct {
			ID string `json:"_id"`
		} `json:"items"`
	}
	c.ok("GET", "/api/call_center/internal_group/list", "", &groups)
	c.ok("GET", "/api/call_center/greeting/list", "", &greetings)
	require.NotEmpty(t, groups.Items)
	require.NotEmpty(t, greetings.Items)
	gid := groups.Items[0].ID
	script := func(keys string) string {
		return `{"script_name":"Menu","greeting_id":"` + greetings.Items[0].ID + `","max_failure":1,"time_out":3,"scripts":[` + keys + `]}`
	}
	var sc struct {
		ID string `json:"_id"`
	}
	c.ok("POST", "/api/call_center/key-interaction/add", script(`{"ivr":"1"}`), &sc)

	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 20; i++ {
			c.ok("POST", "/api/call_center/internal_group/remove-members", `{"group_id":"`+gid+`","sip_users":["100"]}`, nil)
			c.ok("POST", "/api/call_center/internal_group/add-members", `{"group_id":"`+gid+`","sip_users":["100"]}`, nil)
			c.ok("POST", "/api/call_center/key-interaction/update/"+sc.ID, script(`{"ivr":"1"},{"ivr":"2"}`), nil)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 20; i++ {
			c.ok("GET", "/api/call_center/internal_group/list", "", nil)
			c.ok("GET", "/api/call_center/key-interaction/list?page=1&size=10", "", nil)
		}
	}()
	wg.Wait()
}

func TestCallCenterListsPageInTheNewerShape(t *testing.T) {
	c := newTestClient(t)
	for _, path := range []string{"internal_group/list", "key-interaction/list", "greeting/list"} {
		_, env := c.json("GET", "/api/call_center/"+path, "")
		var raw map[string]any
		require.NoError(t, json.Unmarshal(env.Payload, &raw))
		assert.Contains(t, raw, "extension", path)
		assert.Nil(t, raw["extension"])
		assert.EqualValues(t, 10, raw["page_size"], path)
		_, env = c.json("GET", "/api/call_center/"+path+"?keyword=no-such-thing", "")
		assert.JSONEq(t, "[]", itemsOf(t, env), path)
	}
	var groups struct {
		Items []ccGroup `json:"items"`
	}
	c.ok("GET", "/api/call_center/internal_group/list?keyword=NHOM%20NHAN", "", &groups)
	require.Len(t, groups.Items, 1, "the keyword ignores case and accents")
	assert.Equal(t, "Nhóm nhân viên mặc định", groups.Items[0].GroupName)
}

func TestCallCenterSeed(t *testing.T) {
	s := New()
	require.Len(t, s.cc.greetings, 1)
	require.Len(t, s.cc.groups, 1)
	assert.Equal(t, "Lời chào mặc định", s.cc.greetings[0].GreetingName)
	g := s.cc.groups[0]
	assert.Equal(t, "38001", g.GroupNumber)
	assert.Equal(t, "enterprise", g.Strategy)
	assert.Equal(t, &ccActor{ID: "65a100000000000000000000", Name: "Demo Company"}, g.CreateBy)
	assert.Equal(t, New().cc.groups[0].ID, g.ID, "seeded from the seed")
}

func TestCCDeleteByID(t *testing.T) {
	s := New()
	items := []*ccGreeting{{ID: "a"}, {ID: "b"}}
	del := ccDeleteByID(s, &items, func(g *ccGreeting) string { return g.ID })
	r := httptest.NewRequest("DELETE", "/x/a", nil)
	r.SetPathValue("id", "a")
	ok, err := del(r)
	require.NoError(t, err)
	assert.Equal(t, true, ok)
	assert.Len(t, items, 1)
	assert.Equal(t, "b", items[0].ID)
	_, err = del(r)
	assert.Equal(t, errNotFound, err)
}
