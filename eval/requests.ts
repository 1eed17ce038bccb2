/**
 * The spoken requests of the evaluation and the action that is right for each.
 *
 * `split`: 'tuned' phrasings appear in the agents' scripts, vocabularies or unit
 * tests (they were looked at while building); 'held-out' phrasings were written
 * for this set only and must never be copied into a script, a vocabulary or a
 * test — add new held-out phrasings instead of tuning on these.
 */
export type AgentId = 'support' | 'technician' | 'cafe';
export type Split = 'tuned' | 'held-out';

export type Expectation =
  /** A call of `tool` whose arguments include `args`; a read-back or a slot question on the way there counts. */
  | {
      readonly kind: 'tool';
      readonly tool: string;
      readonly args?: Readonly<Record<string, unknown>>;
    }
  /** A spoken answer containing `includes` (case-insensitive). */
  | { readonly kind: 'reply'; readonly includes: string };

export interface EvalRequest {
  readonly agent: AgentId;
  readonly text: string;
  readonly expect: Expectation;
  readonly split: Split;
}

const tool = (name: string, args?: Record<string, unknown>): Expectation => ({
  kind: 'tool',
  tool: name,
  ...(args ? { args } : {}),
});
const reply = (includes: string): Expectation => ({ kind: 'reply', includes });
const requests = (agent: AgentId, split: Split, list: [string, Expectation][]): EvalRequest[] =>
  list.map(([text, expect]) => ({ agent, text, expect, split }));

const status = (id: string) => tool('get_order_status', { order_id: id });
const refund = (id: string) => tool('initiate_refund', { order_id: id });
const technician = tool('schedule_technician');
const human = tool('escalate_to_human');
const reading = (component: string, quantity: string, value: number) =>
  tool('check_reading', { component_id: component, quantity, value });
const manual = (component: string) => tool('query_technical_manuals', { component_id: component });
const incident = tool('log_incident_report');
const order = (item: string) => tool('grammar_check', { item });

export const EVAL_REQUESTS: readonly EvalRequest[] = [
  ...requests('support', 'tuned', [
    ['where is my order four five seven one', status('4571')],
    ['my order number is oh four five seven one', status('4571')],
    ['i want a refund for order eight two two zero', refund('8220')],
    ['i want my money back for order eight two two zero', refund('8220')],
    ['i need a technician', technician],
    ['my internet is not working', technician],
    ['let me talk to a human', human],
    ['this is useless let me talk to a real person', human],
    ['send a technician to fix my internet', technician],
    ['i need to reset my password', reply('forgot password')],
  ]),
  ...requests('support', 'held-out', [
    ['could you tell me where order four five seven one is', status('4571')],
    ['has order four five seven one been sent out yet', status('4571')],
    ['the package for order four five seven one still has not come', status('4571')],
    ['please give me back the money for order eight two two zero', refund('8220')],
    ['i would like a refund on order eight two two zero please', refund('8220')],
    ['order eight two two zero was broken so i want a refund', refund('8220')],
    ['my broadband keeps cutting out can someone come over', technician],
    ['there is no internet in the house since yesterday', technician],
    ['i would rather speak with a real human being', human],
    ['get me a manager right now', human],
    ['how can i change my password', reply('forgot password')],
    ['what do i do to cancel my contract', reply('notice period')],
  ]),
  ...requests('technician', 'tuned', [
    ['pressure on the pump is seven point two', reading('PMP-200', 'pressure', 7.2)],
    ['temperature on the motor is one hundred and thirty', reading('MTR-450', 'temperature', 130)],
    ['vibration on the gearbox is three', reading('GBX-90', 'vibration', 3)],
    ['current on the motor is forty two amps', reading('MTR-450', 'current', 42)],
    ['manual for the pump', manual('PMP-200')],
    ['what is the torque for the gearbox', manual('GBX-90')],
    ['log an incident', incident],
    ['report an incident', incident],
  ]),
  ...requests('technician', 'held-out', [
    ['the pump pressure reads six point one', reading('PMP-200', 'pressure', 6.1)],
    ['motor temperature is ninety five degrees', reading('MTR-450', 'temperature', 95)],
    ['i am getting vibration of five on the gearbox', reading('GBX-90', 'vibration', 5)],
    ['the compressor is showing a temperature of eighty', reading('CMP-310', 'temperature', 80)],
    ['show me the manual for the compressor', manual('CMP-310')],
    ['what are the limits for the valve', manual('VLV-120')],
    ['how do i start the heat exchanger', manual('HX-220')],
    ['i need to write up an incident report', incident],
    ['please record an incident for me', incident],
    ['the bearing reads a temperature of seventy', reading('BRG-7', 'temperature', 70)],
  ]),
  ...requests('cafe', 'tuned', [
    ['quiero un café con leche', order('café con leche')],
    ['un café con leche por favor', order('café con leche')],
    ['dos cafés por favor', order('café')],
    ['me pone una caña', order('caña')],
    ['la cuenta por favor', reply('la cuenta')],
    ['hola buenos días', reply('qué le pongo')],
    ['quiero una tostada con tomate', order('tostada')],
    ['cuánto es todo', reply('la cuenta')],
    ['buenas tardes', reply('qué le pongo')],
    ['quiero pagar', reply('la cuenta')],
  ]),
  ...requests('cafe', 'held-out', [
    ['póngame un cortado', order('cortado')],
    ['para mí un zumo de naranja', order('zumo de naranja')],
    ['me trae un té por favor', order('té')],
    ['quiero un bocadillo', order('bocadillo')],
    ['me pone un chocolate caliente', order('chocolate')],
    ['quisiera un agua sin gas', order('agua')],
    ['tráigame la cuenta', reply('la cuenta')],
    ['nos cobra cuando pueda', reply('la cuenta')],
  ]),
];
