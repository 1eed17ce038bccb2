/**
 * Labelled question pairs for calibrating the cache threshold of an embedder.
 * `same`: the same question reworded the way callers (and STT) vary it — the
 * cache should hit. `different`: a different question, mostly on the same
 * topic — serving the cached answer would be wrong.
 */
export interface LabelledPair {
  readonly a: string;
  readonly b: string;
  readonly same: boolean;
}

const same = (a: string, b: string): LabelledPair => ({ a, b, same: true });
const different = (a: string, b: string): LabelledPair => ({ a, b, same: false });

export const CALIBRATION_PAIRS: readonly LabelledPair[] = [
  same('How long does a refund take?', 'um how long does the refund take'),
  same('How long does a refund take?', 'how long do refunds take please'),
  same('When is my bill due?', 'when is my bill due exactly'),
  same('When is my bill due?', 'uh so when is the bill due'),
  same('How do I reset my password?', 'how can I reset my password'),
  same('How do I reset my password?', 'how do i reset the password'),
  same('Which payment methods do you accept?', 'what payment methods do you accept'),
  same('How can I track my order?', 'how do I track my order'),
  same('How can I track my order?', 'um how can i track the order'),
  same('Do you ship outside the country?', 'do you ship outside of the country'),
  same('How do I cancel my contract?', 'how can I cancel the contract'),
  same('How do I cancel my contract?', 'well I want to cancel my contract'),
  same('Is there a charge for a technician visit?', 'is there a charge for the technician visit'),
  same('How long does an installation take?', 'how long will the installation take'),
  same(
    'What is the maximum discharge pressure of the pump?',
    'what is the max discharge pressure of the pump',
  ),
  same('How often should I change the gearbox oil?', 'how often do i change the gearbox oil'),
  same('What does error E07 mean?', 'what does the error E07 mean'),
  same('My internet is down', 'my internet is down again'),
  same('Can I change the delivery address?', 'can I change my delivery address'),
  same('Why is my internet slow?', 'why is the internet so slow'),
  same('¿Cuánto tarda el reembolso?', 'cuanto tarda un reembolso'),
  same('¿Cómo cambio mi contraseña?', 'como cambio la contraseña'),
  different('How long does a refund take?', 'Can I get a refund if I cancel?'),
  different('How long does a refund take?', 'How long does delivery take?'),
  different('How long does a refund take?', 'How long does an installation take?'),
  different('When is my bill due?', 'Why is my bill so high?'),
  different('When is my bill due?', 'When is my technician visit?'),
  different('How do I reset my password?', 'How do I change my plan?'),
  different('How do I reset my password?', 'How do I reset my router?'),
  different('How can I track my order?', 'How can I cancel my order?'),
  different('How do I cancel my contract?', 'How do I cancel my appointment?'),
  different('How do I cancel my contract?', 'How do I renew my contract?'),
  different('Is there a charge for a technician visit?', 'Is there a charge for late payment?'),
  different('Do you ship outside the country?', 'Do you refund outside the 14 days?'),
  different(
    'What is the maximum discharge pressure of the pump?',
    'What is the maximum suction pressure of the pump?',
  ),
  different(
    'What is the maximum discharge pressure of the pump?',
    'What is the maximum discharge pressure of the compressor?',
  ),
  different(
    'How often should I change the gearbox oil?',
    'How often should I change the compressor oil?',
  ),
  different('How often should I change the gearbox oil?', 'Which oil goes in the gearbox?'),
  different('What does error E07 mean?', 'What does error E04 mean?'),
  different('My internet is down', 'My phone line is down'),
  different('Can I change the delivery address?', 'Can I change the billing address?'),
  different('Why is my internet slow?', 'Why is my bill late?'),
  different('¿Cuánto tarda el reembolso?', '¿Cuánto tarda la instalación?'),
  different('¿Cómo cambio mi contraseña?', '¿Cómo cambio mi tarifa?'),
  different('When is my bill due?', 'Why is my bill due now?'),
  different('Where is my technician?', 'When is my technician coming?'),
  different('My internet is working', 'My internet is not working'),
  different('How much is the activation fee?', 'How long is the activation?'),
];
