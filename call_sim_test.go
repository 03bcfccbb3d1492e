package omicall_test

import (
	"errors"
	"testing"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCallsAgainstSimulator(t *testing.T) {
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithHistory(0, 0, simEnd)})
	ctx := ctxT(t)

	id, err := c.Calls.ClickToCall(ctx, &omicall.ClickToCallRequest{Extension: "101", Hotline: "842899990001", PhoneNumber: "0979816773"})
	require.NoError(t, err)
	sim.WaitCalls()
	tx, err := c.Transactions.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, omicall.DirectionOutbound, tx.Direction)
	assert.Equal(t, "0979816773", tx.DestinationNumber)
	assert.Equal(t, "101", tx.SIPUser)

	_, err = c.Calls.ClickToCall(ctx, &omicall.ClickToCallRequest{Extension: "101", Hotline: "1900", PhoneNumber: "0979816773"})
	assert.ErrorIs(t, err, omicall.ErrHotlineInvalid)

	res, err := c.Calls.AutoCallByExtension(ctx, &omicall.AutoCallByExtensionRequest{
		CID: "842899990001", Extensions: []string{"101", "102"},
		TemplateDialplans: []omicall.DialplanStep{{TargetType: omicall.TargetTextVariable}}, Variables: []string{"Họp lúc 9 giờ"},
	})
	require.NoError(t, err)
	require.Len(t, res.AutocallUUIDs, 2)
	byPhone, err := c.Calls.AutoCallByPhone(ctx, &omicall.AutoCallByPhoneRequest{
		Name: "Nhắc lịch", PhoneNumberList: []string{"0900000001"},
		TemplateDialplans: []omicall.DialplanStep{{TargetType: omicall.TargetRecording, Target: "greeting-1"}},
	})
	require.NoError(t, err)
	assert.Equal(t, "Nhắc lịch", byPhone.Name)
	assert.NotEmpty(t, byPhone.AutocallID)
	sim.WaitCalls()
	for _, id := range res.AutocallUUIDs {
		tx, err := c.Transactions.Get(ctx, id)
		require.NoError(t, err)
		assert.True(t, bool(tx.IsAutoCall))
	}

	long := make([]rune, 301)
	for i := range long {
		long[i] = 'ạ'
	}
	_, err = c.Calls.AutoCallByPhone(ctx, &omicall.AutoCallByPhoneRequest{PhoneNumberList: []string{"0900000001"},
		TemplateDialplans: []omicall.DialplanStep{{TargetType: omicall.TargetTextVariable}}, Variables: []string{string(long)}})
	assert.ErrorIs(t, err, omicall.ErrTTSWordLimit)
}

func TestAutoCallTrialPackage(t *testing.T) {
	tenant := omicall.Tenant{FullName: "Trial Co", Balance: 1000, ServicePackage: omicall.ServicePackage{CodeName: "trial"},
		PublicNumbers: []omicall.PublicNumber{{Number: "842899990001"}}}
	c, _ := newSimClient(t, []omicalltest.Option{omicalltest.WithTenant(tenant), omicalltest.WithHistory(0, 0, simEnd)})
	_, err := c.Calls.AutoCallByPhone(ctxT(t), &omicall.AutoCallByPhoneRequest{PhoneNumberList: []string{"0900000001"},
		TemplateDialplans: []omicall.DialplanStep{{TargetType: omicall.TargetRecording, Target: "r"}}})
	assert.ErrorIs(t, err, omicall.ErrServiceLimit)
	assert.False(t, errors.Is(err, omicall.ErrValidation))
}
