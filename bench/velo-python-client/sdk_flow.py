import sys, time, base64, json, urllib.request, uuid, datetime, traceback
sys.path.insert(0, '/tmp/velo-py')
import velo_payments as v
from velo_payments.api import *
BASE='http://localhost:18081'
KEY='44a9537d-d55d-4b47-8082-14061c2bcdd8'; SECRET='c396b26b-137a-44fd-87f5-34631f8fd529'
PAYOR='c66a1b03-23e2-4fa8-9197-840f98f8d205'
req=urllib.request.Request(BASE+'/v1/authenticate?grant_type=client_credentials', method='POST',
    headers={'Authorization':'Basic '+base64.b64encode(f'{KEY}:{SECRET}'.encode()).decode()})
token=json.load(urllib.request.urlopen(req))['access_token']
cfg=v.Configuration(host=BASE, access_token=token)
client=v.ApiClient(cfg)
results=[]
def call(name, fn):
    try:
        r=fn(); results.append((name,'OK')); return r
    except Exception as e:
        results.append((name,'FAIL '+type(e).__name__+': '+str(e).splitlines()[0][:200])); return None
payors=PayorsApi(client); payees=PayeesApi(client); funding=FundingManagerApi(client)
audit=PaymentAuditServiceApi(client); inv=PayeeInvitationApi(client)
call('getPayorById', lambda: payors.get_payor_by_id(PAYOR))
call('getPayorByIdV2', lambda: payors.get_payor_by_id_v2(PAYOR))
call('payorGetBranding', lambda: payors.payor_get_branding(PAYOR))
call('payorLinks', lambda: payors.payor_links(PAYOR, fields='kycState'))
call('listSupportedCurrencies', lambda: CurrenciesApi(client).list_supported_currencies())
call('listSupportedCountries', lambda: CountriesApi(client).list_supported_countries())
call('listPaymentChannelRules', lambda: CountriesApi(client).v1_payment_channel_rules_get() if hasattr(CountriesApi(client),'v1_payment_channel_rules_get') else None)
ob=call('listPayees ONBOARDED', lambda: payees.list_payees(PAYOR, onboarded_status='ONBOARDED'))
call('listPayees remoteId', lambda: payees.list_payees(PAYOR, remote_id='myRemoteId01'))
call('getPayeeById', lambda: payees.get_payee_by_id('1b6e3c1a-0001-4a00-8000-000000000001'))
call('listPayeeChanges', lambda: payees.list_payee_changes(PAYOR, datetime.datetime(2020,1,1,tzinfo=datetime.timezone.utc)))
call('getPayeesInvitationStatus', lambda: inv.get_payees_invitation_status(PAYOR))
call('getPayeesInvitationStatusV2', lambda: inv.get_payees_invitation_status_v2(PAYOR))
call('getSourceAccounts', lambda: funding.get_source_accounts(payor_id=PAYOR))
call('getSourceAccount', lambda: funding.get_source_account('5a0c0001-0000-4000-8000-000000000001'))
call('getSourceAccountsV2 USD', lambda: funding.get_source_accounts_v2(physical_account_name='VELO_FBO_SIM_USD', payor_id=PAYOR))
call('getSourceAccountV2', lambda: funding.get_source_account_v2('5a0c0001-0000-4000-8000-000000000001'))
call('getFundings', lambda: audit.get_fundings(payor_id=PAYOR))
m=v.models
body=m.CreatePayoutRequest(payor_id=PAYOR, payout_memo='py sdk', payments=[
   m.PaymentInstruction(remote_id='myRemoteId01', currency='USD', amount=1500, source_account_name='PAYOR_SRC_ACCT', payor_payment_id='py-'+uuid.uuid4().hex[:8]),
   m.PaymentInstruction(remote_id='nobody', currency='USD', amount=100, source_account_name='PAYOR_SRC_ACCT')])
resp=call('submitPayout', lambda: SubmitPayoutApi(client).submit_payout_with_http_info(body))
payout_id=resp.headers['Location'].rsplit('/',1)[1] if resp else None
for i in range(20):
    s=call('getPayout(poll)', lambda: GetPayoutApi(client).v3_payouts_payout_id_get(payout_id))
    if s and s.status!='SUBMITTED': break
    time.sleep(0.5)
call('quote', lambda: QuotePayoutApi(client).v3_payouts_payout_id_quote_post(payout_id))
call('instruct', lambda: InstructPayoutApi(client).v3_payouts_payout_id_post(payout_id))
for i in range(30):
    s=call('getPayout(poll2)', lambda: GetPayoutApi(client).v3_payouts_payout_id_get(payout_id))
    if s and s.status in ('COMPLETED','INCOMPLETE'): break
    time.sleep(0.5)
call('getPayoutsForPayor', lambda: audit.get_payouts_for_payor(PAYOR))
pp=call('getPaymentsForPayout', lambda: audit.get_payments_for_payout(payout_id))
call('listPaymentsAudit', lambda: audit.list_payments_audit(payor_id=PAYOR))
pid=pp.content[0].payment_id if pp and pp.content else None
call('getPaymentDetails', lambda: audit.get_payment_details(pid))
call('getPayoutStats', lambda: PayoutHistoryApi(client).get_payout_stats(payor_id=PAYOR))
call('getPayoutsForPayorV4', lambda: audit.get_payouts_for_payor_v4(PAYOR))
call('getPaymentsForPayoutV4', lambda: audit.get_payments_for_payout_v4(payout_id))
call('listPaymentsAuditV4', lambda: audit.list_payments_audit_v4(payor_id=PAYOR))
call('getPaymentDetailsV4', lambda: audit.get_payment_details_v4(pid))
call('exportTransactionsCSV', lambda: audit.export_transactions_csv(payor_id=PAYOR))
ok=sum(1 for _,r in results if r=='OK')
seen=set()
for n,r in results:
    if (n,r) in seen: continue
    seen.add((n,r)); print(f'{n:32} {r}')
print(f'{ok}/{len(results)} calls read')
