// A searchable pick of one customer or one provider, for filters: typing searches names and
// emails on the server. The value is the user's id, or (for providers) their business's id.
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { AdminPeopleToFilterDocument } from '../gql/graphql';

export function PersonFilter({
  label,
  role,
  value,
  onChange,
}: {
  label: string;
  role: 'CUSTOMER' | 'PROVIDER';
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const [search, setSearch] = useState('');
  // The chosen one stays an option while the search shows others.
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  // Once chosen, the box shows its label: that is not a search.
  const [debounced] = useDebouncedValue(chosen && search === chosen.label ? '' : search.trim(), 250);
  const { data } = useQuery(AdminPeopleToFilterDocument, { variables: { search: debounced || null, role } });
  const options = (data?.users.edges ?? []).flatMap(({ node: u }) => {
    if (role === 'PROVIDER') return u.provider ? [{ value: u.provider.id, label: `${u.provider.businessName} (${u.email})` }] : [];
    return [{ value: u.id, label: `${u.name} (${u.email})` }];
  });
  if (chosen && !options.some((o) => o.value === chosen.value)) options.unshift(chosen);
  return (
    <Select
      label={label}
      placeholder={role === 'PROVIDER' ? 'Any provider' : 'Any customer'}
      searchable
      clearable
      nothingFoundMessage="Nobody matches"
      data={options}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all} // the server already searched
      onChange={(id, option) => {
        setChosen(id ? option : null);
        onChange(id);
      }}
      w={280}
    />
  );
}
