package omicall

import (
	"context"
	"encoding/json"
	"iter"
	"time"
)

// This file holds the names that 0.2.0 replaced, then those that 0.3.0
// replaced. Each one behaves exactly like its replacement and is kept for
// one minor release after the one that replaced it.

// AgentListOptions pages AgentService.List and All.
//
// Deprecated: use ListOptions.
type AgentListOptions = ListOptions

// TicketListOptions pages TicketService.List and All.
//
// Deprecated: use ListOptions.
type TicketListOptions = ListOptions

// PartnerListOptions pages the partner lists.
//
// Deprecated: use ListOptions.
type PartnerListOptions = ListOptions

// ContactInput is a new contact.
//
// Deprecated: use CreateContactRequest.
type ContactInput = CreateContactRequest

// ContactUpdate is the body of ContactService.Update.
//
// Deprecated: use UpdateContactRequest.
type ContactUpdate = UpdateContactRequest

// TransactionUpdate is the body of TransactionService.Update.
//
// Deprecated: use UpdateTransactionRequest.
type TransactionUpdate = UpdateTransactionRequest

// HotlineAssignment is the body of CallCenterService.AssignHotline.
//
// Deprecated: use AssignHotlineRequest.
type HotlineAssignment = AssignHotlineRequest

// Evaluation is the body of TransactionService.Evaluate.
//
// Deprecated: use EvaluateRequest.
type Evaluation = EvaluateRequest

// WebhookRegistration is the body of WebhookService.Register.
//
// Deprecated: use RegisterWebhookRequest.
type WebhookRegistration = RegisterWebhookRequest

// TTSGreetingRequest is the input of CallCenterService.CreateGreeting.
//
// Deprecated: use CreateGreetingRequest.
type TTSGreetingRequest = CreateGreetingRequest

// AddTenantRequest is the body of PartnerTenantService.Create.
//
// Deprecated: use CreateTenantRequest.
type AddTenantRequest = CreateTenantRequest

// BuyPublicNumberRequest is the body of PartnerNumberService.Buy.
//
// Deprecated: use BuyNumberRequest.
type BuyPublicNumberRequest = BuyNumberRequest

// Detail returns the tenant's account.
//
// Deprecated: use Get.
func (s *TenantService) Detail(ctx context.Context) (*Tenant, error) { return s.Get(ctx) }

// Extensions returns one page of extensions.
//
// Deprecated: use ListExtensions.
func (s *CallCenterService) Extensions(ctx context.Context, opts *ListOptions) (*Page[Extension], error) {
	return s.ListExtensions(ctx, opts)
}

// Groups returns one page of internal groups.
//
// Deprecated: use ListGroups.
func (s *CallCenterService) Groups(ctx context.Context, opts *ListOptions) (*Page[InternalGroup], error) {
	return s.ListGroups(ctx, opts)
}

// IVRScripts returns one page of IVR scripts.
//
// Deprecated: use ListIVRScripts.
func (s *CallCenterService) IVRScripts(ctx context.Context, opts *ListOptions) (*Page[IVRScript], error) {
	return s.ListIVRScripts(ctx, opts)
}

// Greetings returns one page of greetings.
//
// Deprecated: use ListGreetings.
func (s *CallCenterService) Greetings(ctx context.Context, opts *ListOptions) (*Page[Greeting], error) {
	return s.ListGreetings(ctx, opts)
}

// CreateTTSGreeting creates a text-to-speech greeting.
//
// Deprecated: use CreateGreeting.
func (s *CallCenterService) CreateTTSGreeting(ctx context.Context, req *CreateGreetingRequest) (*Greeting, error) {
	return s.CreateGreeting(ctx, req)
}

// Hotlines returns the hotline numbers an extension may call out on.
//
// Deprecated: use ListExtensionHotlines.
func (s *CallCenterService) Hotlines(ctx context.Context, extension string) ([]string, error) {
	return s.ListExtensionHotlines(ctx, extension)
}

// Add creates a contact.
//
// Deprecated: use Create, which also returns the contact.
func (s *ContactService) Add(ctx context.Context, contact *CreateContactRequest) error {
	_, err := s.Create(ctx, contact)
	return err
}

// AddMany creates several contacts in one request.
//
// Deprecated: use CreateMany.
func (s *ContactService) AddMany(ctx context.Context, contacts []CreateContactRequest) error {
	return s.CreateMany(ctx, contacts)
}

// AddNotes records note interactions on customers.
//
// Deprecated: use CreateNotes.
func (s *ContactService) AddNotes(ctx context.Context, notes []ContactNote) (int, error) {
	return s.CreateNotes(ctx, notes)
}

// Details returns the contact whose id is id.
//
// Deprecated: use Get.
func (s *ContactService) Details(ctx context.Context, id string) (*Contact, error) {
	return s.Get(ctx, id)
}

// Categories returns the ticket categories.
//
// Deprecated: use ListCategories.
func (s *TicketService) Categories(ctx context.Context) ([]TicketCategory, error) {
	return s.ListCategories(ctx)
}

// Destroy removes the webhook of hookType.
//
// Deprecated: use Delete.
func (s *WebhookService) Destroy(ctx context.Context, hookType string) error {
	return s.Delete(ctx, hookType)
}

// Me returns the partner's account.
//
// Deprecated: use p.Account.Get.
func (p *PartnerClient) Me(ctx context.Context) (*Partner, error) { return p.Account.Get(ctx) }

// AllTenants iterates over every business of the partner.
//
// Deprecated: use p.Tenants.All.
func (p *PartnerClient) AllTenants(ctx context.Context, opts *ListOptions) iter.Seq2[PartnerTenant, error] {
	return p.Tenants.All(ctx, opts)
}

// TenantInfo returns a business of the partner by id.
//
// Deprecated: use p.Tenants.Get.
func (p *PartnerClient) TenantInfo(ctx context.Context, id string) (*PartnerTenant, error) {
	return p.Tenants.Get(ctx, id)
}

// AddTenant creates a business and returns its id.
//
// Deprecated: use p.Tenants.Create, which returns the tenant (its ID
// included).
func (p *PartnerClient) AddTenant(ctx context.Context, req *CreateTenantRequest) (string, error) {
	t, err := p.Tenants.Create(ctx, req)
	if err != nil {
		return "", err
	}
	return t.ID, nil
}

// TopUpTenant adds money to a business's balance.
//
// Deprecated: use p.Tenants.TopUp.
func (p *PartnerClient) TopUpTenant(ctx context.Context, req *TopUpRequest) error {
	return p.Tenants.TopUp(ctx, req)
}

// PublicNumbers returns one page of the hotline numbers for sale.
//
// Deprecated: use p.Numbers.List.
func (p *PartnerClient) PublicNumbers(ctx context.Context, opts *ListOptions) (*Page[PartnerPublicNumber], error) {
	return p.Numbers.List(ctx, opts)
}

// AllPublicNumbers iterates over every hotline number for sale.
//
// Deprecated: use p.Numbers.All.
func (p *PartnerClient) AllPublicNumbers(ctx context.Context, opts *ListOptions) iter.Seq2[PartnerPublicNumber, error] {
	return p.Numbers.All(ctx, opts)
}

// BuyPublicNumber buys a hotline number for a tenant.
//
// Deprecated: use p.Numbers.Buy.
func (p *PartnerClient) BuyPublicNumber(ctx context.Context, req *BuyNumberRequest) error {
	return p.Numbers.Buy(ctx, req)
}

// ServicePackages returns the service packages the partner can sell.
//
// Deprecated: use p.Packages.List.
func (p *PartnerClient) ServicePackages(ctx context.Context) ([]PartnerPackage, error) {
	return p.Packages.List(ctx)
}

// ExtendServicePackage extends a tenant's current service package.
//
// Deprecated: use p.Packages.Extend.
func (p *PartnerClient) ExtendServicePackage(ctx context.Context, req *ExtendPackageRequest) error {
	return p.Packages.Extend(ctx, req)
}

// UpgradeServicePackage moves a tenant to another service package.
//
// Deprecated: use p.Packages.Upgrade.
func (p *PartnerClient) UpgradeServicePackage(ctx context.Context, req *UpgradePackageRequest) error {
	return p.Packages.Upgrade(ctx, req)
}

// EvaluationCriteria lists the tenant's call-evaluation criteria.
//
// Deprecated: use ListEvaluationCriteria.
func (s *TransactionService) EvaluationCriteria(ctx context.Context) ([]EvaluationCriterion, error) {
	return s.ListEvaluationCriteria(ctx)
}

// The names below were replaced in 0.3.0.

// SearchHotlines returns one page of the tenant's hotlines.
//
// Deprecated: use ListHotlines.
func (s *CallCenterService) SearchHotlines(ctx context.Context, opts *ListOptions) (*Page[Hotline], error) {
	return s.ListHotlines(ctx, opts)
}

// GetByTransactionID returns one call with the fields of the 2026 API.
//
// Deprecated: use GetFull.
func (s *TransactionService) GetByTransactionID(ctx context.Context, transactionID string) (*Transaction, error) {
	return s.GetFull(ctx, transactionID)
}

// ReportV3 returns the call counts of from..to by day and by hour.
//
// Deprecated: use ReportByTime.
func (s *TransactionService) ReportV3(ctx context.Context, from, to time.Time) (json.RawMessage, error) {
	return s.ReportByTime(ctx, from, to)
}

// ListEvaluationCriteriaV3 lists the criteria Score gives points for.
//
// Deprecated: use ListScoringCriteria.
func (s *TransactionService) ListEvaluationCriteriaV3(ctx context.Context) ([]EvaluationCriterion, error) {
	return s.ListScoringCriteria(ctx)
}

// EvaluateV3Request is the body of Score.
//
// Deprecated: use ScoreRequest.
type EvaluateV3Request = ScoreRequest

// EvaluateV3 records an agent's points on a call.
//
// Deprecated: use Score.
func (s *TransactionService) EvaluateV3(ctx context.Context, req *ScoreRequest) error {
	return s.Score(ctx, req)
}

// GetByEmail returns the agent whose login e-mail is email.
//
// Deprecated: use Lookup(ctx, AgentByEmail, email).
func (s *AgentService) GetByEmail(ctx context.Context, email string) (*AgentAccount, error) {
	return s.Lookup(ctx, AgentByEmail, email)
}
