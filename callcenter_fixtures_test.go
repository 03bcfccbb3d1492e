package omicall

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAgentAndCallCenterFixturesDecode decodes every agent and call-center
// fixture through the response path and checks its key fields. A new fixture
// without an entry here fails the test.
func TestAgentAndCallCenterFixturesDecode(t *testing.T) {
	checks := map[string]struct {
		out   func() any
		check func(t *testing.T, v any)
	}{
		"agent_invite.json": {func() any { return new(InviteAgentResult) }, func(t *testing.T, v any) {
			r := v.(*InviteAgentResult)
			assert.Equal(t, "vietnam12@gmail.com", r.Agent.Email)
			assert.Equal(t, "vietnam12@gmail.com", r.PBXAccount.Email)
			assert.False(t, r.PBXAccount.CreatedDate.IsZero())
		}},
		"agent_list.json": {func() any { return new(Page[Agent]) }, func(t *testing.T, v any) {
			p := v.(*Page[Agent])
			require.Len(t, p.Items, 3)
			for _, a := range p.Items {
				assert.NotEmpty(t, a.FullName)
				assert.NotEmpty(t, a.Email)
				assert.Equal(t, a.IdentifyInfo, a.Email)
				assert.NotEmpty(t, a.Gender)
				assert.False(t, a.CreatedDate.IsZero())
			}
		}},
		"callcenter_extension_detail.json": {func() any { return new(ExtensionDetail) }, func(t *testing.T, v any) {
			assert.True(t, v.(*ExtensionDetail).SIPCredentials().Complete())
		}},
		"callcenter_greeting_list.json": {func() any { return new(Page[Greeting]) }, func(t *testing.T, v any) {
			p := v.(*Page[Greeting])
			require.Len(t, p.Items, 3)
			for _, g := range p.Items {
				assert.NotEmpty(t, g.ID)
				assert.NotEmpty(t, g.RecordingFile)
				assert.False(t, g.CreatedDate.IsZero())
			}
		}},
		"callcenter_greeting_tts.json": {func() any { return new(greetingPayload) }, func(t *testing.T, v any) {
			g := v.(*greetingPayload).Greeting
			assert.Equal(t, "639981151ee2ed6f5bbeea90", g.ID)
			assert.Equal(t, VoiceBanMai, g.Voice)
		}},
		"callcenter_hotline_list.json": {func() any { return new([]string) }, func(t *testing.T, v any) {
			assert.Len(t, *v.(*[]string), 2)
		}},
		"callcenter_internal_group_add.json":    {func() any { return new(InternalGroup) }, checkGroupFixture},
		"callcenter_internal_group_update.json": {func() any { return new(InternalGroup) }, checkGroupFixture},
		"callcenter_internal_group_list.json": {func() any { return new(Page[InternalGroup]) }, func(t *testing.T, v any) {
			p := v.(*Page[InternalGroup])
			require.Len(t, p.Items, 4)
			for i := range p.Items {
				checkGroupFixture(t, &p.Items[i])
			}
		}},
		"callcenter_internal_phone_list.json": {func() any { return new(Page[Extension]) }, func(t *testing.T, v any) {
			p := v.(*Page[Extension])
			require.Len(t, p.Items, 2)
			for _, e := range p.Items {
				assert.True(t, e.SIPCredentials().Complete())
				assert.False(t, e.CreatedDate.IsZero())
			}
		}},
		"callcenter_key_interaction_add.json":    {func() any { return new(IVRScript) }, checkScriptFixture},
		"callcenter_key_interaction_update.json": {func() any { return new(IVRScript) }, checkScriptFixture},
		"callcenter_key_interaction_list.json": {func() any { return new(Page[IVRScript]) }, func(t *testing.T, v any) {
			p := v.(*Page[IVRScript])
			require.Len(t, p.Items, 1)
			checkScriptFixture(t, &p.Items[0])
		}},
	}
	var files []string
	for _, pat := range []string{"agent_*.json", "callcenter_*.json"} {
		m, err := filepath.Glob(filepath.Join("testdata", pat))
		require.NoError(t, err)
		files = append(files, m...)
	}
	require.Len(t, files, len(checks))
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			c, ok := checks[name]
			require.True(t, ok, "no check for fixture %s", name)
			out := c.out()
			require.NoError(t, decodeResponse(&request{method: "GET", path: "/x", out: out}, 200, fixture(t, name)))
			c.check(t, out)
		})
	}
}

func checkGroupFixture(t *testing.T, v any) {
	g := v.(*InternalGroup)
	assert.Len(t, g.ID, 24)
	assert.NotEmpty(t, g.GroupName)
	assert.NotEmpty(t, g.GroupNumber)
	assert.NotEmpty(t, g.Strategy)
	assert.NotEmpty(t, g.Members)
	assert.NotEmpty(t, g.CreateBy.Name)
	assert.False(t, g.CreatedDate.IsZero())
}

func checkScriptFixture(t *testing.T, v any) {
	s := v.(*IVRScript)
	assert.Len(t, s.ID, 24)
	assert.NotEmpty(t, s.ScriptName)
	assert.NotEmpty(t, s.GreetingID)
	assert.NotEmpty(t, s.Scripts)
	assert.NotEmpty(t, s.CreatedBy.Name)
	assert.Positive(t, int(s.TimeOut))
	assert.False(t, s.LastUpdatedDate.IsZero())
}
