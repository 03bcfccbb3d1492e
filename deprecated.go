package omicall

import (
	"context"
	"iter"
)

// This file holds the names that 0.2.0 replaced. Each one behaves exactly
// like its replacement and will be removed in 0.3.0.

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
// Deprecated: use ListHotlines.
func (s *CallCenterService) Hotlines(ctx context.Context, extension string) ([]string, error) {
	return s.ListHotlines(ctx, extension)
}

// Add creates a contact.
//
// Deprecated: use Create.
func (s *ContactService) Add(ctx context.Context, contact *CreateContactRequest) error {
	return s.Create(ctx, contact)
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
// Deprecated: use p.Tenants.Create.
func (p *PartnerClient) AddTenant(ctx context.Context, req *CreateTenantRequest) (string, error) {
	return p.Tenants.Create(ctx, req)
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
