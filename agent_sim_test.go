package omicall_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// simSeedAgents is how many agents a fresh simulator holds.
const simSeedAgents = 3

func inviteReq(n int) *omicall.InviteAgentRequest {
	return &omicall.InviteAgentRequest{FullName: fmt.Sprintf("Agent %d", n), Email: fmt.Sprintf("agent%d@democo.example", n),
		Password: testPassword, UUID: fmt.Sprintf("crm-%d", n)}
}

func TestSimInviteThenLookupByEveryKey(t *testing.T) {
	var logBuf bytes.Buffer
	c, _ := newSimClient(t, nil, omicall.WithLogger(slog.New(slog.NewTextHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	ctx := ctxT(t)
	res, err := c.Agents.Invite(ctx, inviteReq(1))
	require.NoError(t, err)
	creds := res.PBXAccount.SIPCredentials()
	require.True(t, creds.Complete(), "the simulator returns real credentials: %v", creds)
	assert.Equal(t, "democo", creds.Domain, "the tenant's PBX domain")
	assert.Equal(t, "103", creds.Username, "the next free extension")
	assert.Equal(t, "Agent 1", res.Agent.FullName)
	assert.Equal(t, "agent1@democo.example", res.Agent.Email)
	assert.NotEmpty(t, res.PBXAccount.OutboundProxy)
	assert.NotEmpty(t, res.PBXAccount.PublicNumber)
	assert.False(t, res.PBXAccount.CreatedDate.IsZero())

	for by, v := range map[omicall.LookupBy]string{omicall.LookupByUserUUID: "crm-1", omicall.LookupBySIPUser: "103", omicall.LookupByEmail: "AGENT1@democo.example"} {
		d, err := c.CallCenter.LookupExtension(ctx, by, v)
		require.NoError(t, err, by)
		assert.Equal(t, creds, d.SIPCredentials(), by)
		assert.Equal(t, "103", d.Extension)
		assert.Equal(t, "agent1@democo.example", d.Mail)
		assert.Equal(t, "crm-1", d.UUID)
		assert.Equal(t, "Agent 1", d.FullName)
		assert.NotEmpty(t, d.PBXAccount.SIPWebSocketServer)
	}
	exts, err := c.CallCenter.ListExtensions(ctx, &omicall.ListOptions{Keyword: "103"})
	require.NoError(t, err)
	require.Len(t, exts.Items, 1)
	assert.Equal(t, creds, exts.Items[0].SIPCredentials())

	agents, err := c.Agents.List(ctx, &omicall.ListOptions{Keyword: "agent1@"})
	require.NoError(t, err)
	require.Len(t, agents.Items, 1)
	assert.Equal(t, "Agent 1", agents.Items[0].FullName)
	assert.Equal(t, "agent1@democo.example", agents.Items[0].Email)

	assert.NotContains(t, logBuf.String(), testPassword)
	assert.NotContains(t, logBuf.String(), creds.Password)
	assert.NotEmpty(t, logBuf.String())
}

func TestSimInviteDuplicates(t *testing.T) {
	c, sim := newSimClient(t, nil)
	ctx := ctxT(t)
	_, err := c.Agents.Invite(ctx, inviteReq(1))
	require.NoError(t, err)

	_, err = c.Agents.Invite(ctx, inviteReq(1))
	require.ErrorIs(t, err, omicall.ErrAgentExists)
	assert.NotContains(t, err.Error(), testPassword)

	again := inviteReq(2)
	again.UUID = "crm-1"
	_, err = c.Agents.Invite(ctx, again)
	require.ErrorIs(t, err, omicall.ErrAgentUUIDExists)

	_, err = c.Agents.Invite(ctx, &omicall.InviteAgentRequest{FullName: "Seed", Email: "an.nguyen@democo.example", Password: testPassword})
	require.ErrorIs(t, err, omicall.ErrAgentExists, "a seeded agent exists too")
	assert.Equal(t, 4, sim.Requests("POST /api/agent/invite"), "each invite sent exactly once")
}

func TestSimAgentLimit(t *testing.T) {
	c, _ := newSimClient(t, []omicalltest.Option{omicalltest.WithAgentLimit(simSeedAgents + 1)})
	ctx := ctxT(t)
	_, err := c.Agents.Invite(ctx, inviteReq(1))
	require.NoError(t, err)
	_, err = c.Agents.Invite(ctx, inviteReq(2))
	require.ErrorIs(t, err, omicall.ErrAgentLimit)

	require.NoError(t, c.Agents.Delete(ctx, "agent1@democo.example"))
	_, err = c.Agents.Invite(ctx, inviteReq(2))
	require.NoError(t, err, "deleting frees a seat")
}

func TestSimInviteInputRules(t *testing.T) {
	c, _ := newSimClient(t, nil)
	ctx := ctxT(t)
	for _, pw := range []string{"Sh0rt!", "alllower1!", "ALLUPPER1!", "NoDigits!!", "NoSpecial12", "        "} {
		r := inviteReq(1)
		r.Password = pw
		_, err := c.Agents.Invite(ctx, r)
		require.ErrorIs(t, err, omicall.ErrPasswordInvalid, pw)
		assert.NotContains(t, err.Error(), pw)
	}
	for _, email := range []string{"not-an-email", "a@b", "Name <a@b.vn>"} {
		r := inviteReq(1)
		r.Email = email
		_, err := c.Agents.Invite(ctx, r)
		require.ErrorIs(t, err, omicall.ErrEmailInvalid, email)
	}
	r := inviteReq(1)
	r.Password = "Ünïcode-Pässwörd9"
	_, err := c.Agents.Invite(ctx, r)
	require.NoError(t, err, "non-ASCII letters count as upper/lower case")
}

func TestSimDeleteAgent(t *testing.T) {
	c, _ := newSimClient(t, nil)
	ctx := ctxT(t)
	_, err := c.Agents.Invite(ctx, inviteReq(1))
	require.NoError(t, err)
	g, err := c.CallCenter.CreateGroup(ctx, &omicall.InternalGroupRequest{GroupName: "Sales", Strategy: omicall.StrategyRollover, SIPMembers: []string{"100", "103"}, Timeout: 20})
	require.NoError(t, err)

	require.NoError(t, c.Agents.Delete(ctx, "agent1@democo.example"))
	for by, v := range map[omicall.LookupBy]string{omicall.LookupByUserUUID: "crm-1", omicall.LookupBySIPUser: "103", omicall.LookupByEmail: "agent1@democo.example"} {
		_, err := c.CallCenter.LookupExtension(ctx, by, v)
		require.ErrorIs(t, err, omicall.ErrNotFound, by)
		var apiErr *omicall.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, 404, apiErr.HTTPStatus)
	}
	require.ErrorIs(t, c.Agents.Delete(ctx, "agent1@democo.example"), omicall.ErrNotFound)

	exts, err := collect(c.CallCenter.AllExtensions(ctx, nil))
	require.NoError(t, err)
	assert.Len(t, exts, simSeedAgents)
	groups, err := c.CallCenter.ListGroups(ctx, &omicall.ListOptions{Keyword: "sales"})
	require.NoError(t, err)
	require.Len(t, groups.Items, 1)
	assert.Equal(t, g.ID, groups.Items[0].ID)
	assert.Equal(t, []string{"100"}, groups.Items[0].SIPMembers, "the deleted extension left its groups")

	// The same email and uuid can be invited again, on a new extension.
	res, err := c.Agents.Invite(ctx, inviteReq(1))
	require.NoError(t, err)
	assert.Equal(t, "104", res.PBXAccount.SIPUser)
}

func TestSimAgentsAllWalksPagesAndStopsOnBreak(t *testing.T) {
	c, sim := newSimClient(t, nil)
	ctx := ctxT(t)
	for i := 1; i <= 5; i++ {
		_, err := c.Agents.Invite(ctx, inviteReq(i))
		require.NoError(t, err)
	}
	const total = simSeedAgents + 5 // 4 pages of 2
	sim.ResetCounts()
	var emails []string
	for a, err := range c.Agents.All(ctx, &omicall.ListOptions{Size: 2}) {
		require.NoError(t, err)
		emails = append(emails, a.Email)
	}
	assert.Len(t, emails, total)
	assert.Equal(t, "agent5@democo.example", emails[0], "newest first")
	assert.Equal(t, "an.nguyen@democo.example", emails[total-1])
	assert.Equal(t, 4, sim.Requests("GET /api/agent/list"))

	sim.ResetCounts()
	n := 0
	for a, err := range c.Agents.All(ctx, &omicall.ListOptions{Size: 2}) {
		require.NoError(t, err)
		require.NotEmpty(t, a.Email)
		n++
		break
	}
	assert.Equal(t, 1, n)
	time.Sleep(50 * time.Millisecond) // a stray fetch would land by now
	assert.Equal(t, 1, sim.Requests("GET /api/agent/list"), "an early break requests no further page")

	// Starting mid-way walks the rest.
	sim.ResetCounts()
	rest, err := collect(c.Agents.All(ctx, &omicall.ListOptions{Page: 3, Size: 2}))
	require.NoError(t, err)
	assert.Len(t, rest, 4)
	assert.Equal(t, 2, sim.Requests("GET /api/agent/list"))
}

func TestSimAgentListSearch(t *testing.T) {
	c, _ := newSimClient(t, nil)
	ctx := ctxT(t)
	p, err := c.Agents.List(ctx, &omicall.ListOptions{Keyword: "tran thi"})
	require.NoError(t, err)
	require.Len(t, p.Items, 1, "accent-insensitive name search")
	a := p.Items[0]
	assert.Equal(t, "Trần Thị Bình", a.FullName)
	assert.Equal(t, "female", a.Gender)
	assert.Equal(t, "0901000002", a.PhoneNumber)
	assert.Equal(t, "binh.tran@democo.example", a.IdentifyInfo)
	p, err = c.Agents.List(ctx, &omicall.ListOptions{Keyword: "0901000003"})
	require.NoError(t, err)
	require.Len(t, p.Items, 1)
	assert.Equal(t, "Lê Văn Cường", p.Items[0].FullName)
	p, err = c.Agents.List(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, simSeedAgents, p.TotalItems)
	assert.Equal(t, 50, p.Size, "the documented default page size")
}
