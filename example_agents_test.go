package omicall_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// newExampleClient starts a simulator and returns a client for it.
func newExampleClient() (*omicall.Client, func()) {
	sim := omicalltest.NewServer()
	url, stop := sim.Start()
	c, err := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(url))
	if err != nil {
		log.Fatal(err)
	}
	return c, stop
}

// Invite an agent for a CRM user and get the credentials its browser passes
// to the OMICall Web SDK's omiSDK.register.
func ExampleAgentService_Invite() {
	c, stop := newExampleClient()
	defer stop()
	ctx := context.Background()

	res, err := c.Agents.Invite(ctx, &omicall.InviteAgentRequest{
		FullName: "Phạm Minh Dũng",
		Email:    "dung.pham@democo.example",
		Password: "Str0ng!Passw0rd",
		RoleName: omicall.RoleSale,
		UUID:     "crm-user-42", // your user id: LookupByUserUUID finds the agent by it
	})
	if err != nil {
		log.Fatal(err)
	}
	creds := res.PBXAccount.SIPCredentials()
	if !creds.Complete() { // OMICall may answer the invite without credentials
		d, err := c.CallCenter.LookupExtension(ctx, omicall.LookupByEmail, "dung.pham@democo.example")
		if err != nil {
			log.Fatal(err)
		}
		creds = d.SIPCredentials()
	}
	fmt.Println("extension:", creds.Username, "domain:", creds.Domain)
	fmt.Println(creds) // printing never shows the password

	body, _ := json.Marshal(creds) // what the browser gets
	var keys map[string]string
	_ = json.Unmarshal(body, &keys)
	fmt.Println("password sent to the browser:", keys["password"] == creds.Password)
	// Output:
	// extension: 103 domain: democo
	// {democo 103 [redacted]}
	// password sent to the browser: true
}

// Look up the PBX account of an existing agent, by email, extension number
// or your own user id.
func ExampleCallCenterService_LookupExtension() {
	c, stop := newExampleClient()
	defer stop()

	d, err := c.CallCenter.LookupExtension(context.Background(), omicall.LookupByUserUUID, "crm-user-2")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.Extension, d.FullName, d.Mail)
	creds := d.SIPCredentials()
	fmt.Println(creds.Domain, creds.Username, creds.Password != "")
	// Output:
	// 101 Trần Thị Bình binh.tran@democo.example
	// democo 101 true
}

// Walk every agent, page after page; breaking out of the loop stops fetching.
func ExampleAgentService_All() {
	c, stop := newExampleClient()
	defer stop()

	for a, err := range c.Agents.All(context.Background(), &omicall.ListOptions{Size: 2}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(a.FullName, a.Email)
	}
	// Output:
	// Lê Văn Cường cuong.le@democo.example
	// Trần Thị Bình binh.tran@democo.example
	// Nguyễn Văn An an.nguyen@democo.example
}
