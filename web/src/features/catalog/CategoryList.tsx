import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';

const CategoriesQuery = graphql(`
  query Categories {
    categories {
      id
      slug
      name
      serviceCount
    }
  }
`);

export function CategoryList() {
  const { data, loading, error } = useQuery(CategoriesQuery);
  if (loading) return <p>Loading categories…</p>;
  if (error) return <p role="alert">Could not load categories: {error.message}</p>;
  return (
    <section>
      <h2>Categories</h2>
      <ul data-testid="categories">
        {data?.categories.map((c) => (
          <li key={c.id}>
            {c.name} <small>({c.serviceCount} services)</small>
          </li>
        ))}
      </ul>
    </section>
  );
}
