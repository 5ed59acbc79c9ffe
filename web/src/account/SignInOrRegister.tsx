import { Tabs } from '@mantine/core';
import { RegisterForm } from './RegisterForm';
import { SignInForm } from './SignInForm';

/** Inline sign-in for a screen that needs it: the screen stays, with its state (e.g. the chosen slot). */
export function SignInOrRegister({ onDone, initial = 'sign-in' }: { onDone?: () => void; initial?: 'sign-in' | 'register' }) {
  return (
    <Tabs defaultValue={initial} keepMounted={false}>
      <Tabs.List grow mb="md">
        <Tabs.Tab value="sign-in">Sign in</Tabs.Tab>
        <Tabs.Tab value="register">Create an account</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="sign-in">
        <SignInForm onSignedIn={onDone} />
      </Tabs.Panel>
      <Tabs.Panel value="register">
        <RegisterForm onRegistered={onDone} />
      </Tabs.Panel>
    </Tabs>
  );
}
