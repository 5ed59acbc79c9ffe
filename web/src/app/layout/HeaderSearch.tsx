import { ActionIcon, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';

/** The header's search: submits to /search?q=…, where the URL holds the whole query. */
export function HeaderSearch() {
  const [params] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const navigate = useNavigate();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void navigate(`/search?${new URLSearchParams(text.trim() ? { q: text.trim() } : {})}`);
  };
  return (
    <>
      <form role="search" onSubmit={submit} style={{ flex: 1, maxWidth: 420 }} className="header-search">
        <TextInput
          aria-label="Search services"
          placeholder="Search services, e.g. plumbing"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          leftSection={<IconSearch size={16} aria-hidden />}
          radius="xl"
        />
      </form>
      <ActionIcon component={Link} to="/search" variant="subtle" size="lg" aria-label="Search" className="header-search-icon">
        <IconSearch size={20} aria-hidden />
      </ActionIcon>
    </>
  );
}
